import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { WISH_CATEGORIES, type WishCategory } from '@ws/contracts';
import { Kysely } from 'kysely';
import { CLOCK, CurrentPrincipal, Roles, authorize } from '@ws/kernel';
import type { Clock, Principal } from '@ws/kernel';
import { DB, PageQueryDto } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';
import { demandList, demandWishes, moderationQueue } from './demand-list.query';
import { overdueList } from './overdue.query';
import { wishesError } from '../../errors';

export class ModerationQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  stationId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9a-z]{9}$/)
  streetCode?: string;
}

export class DemandGroupParamsDto {
  @ApiProperty({ example: '330802001' }) @Matches(/^[0-9a-z]{9}$/, { message: '街道编码须为 9 位' })
  streetCode!: string;

  @ApiProperty({ enum: WISH_CATEGORIES }) @IsIn(WISH_CATEGORIES, { message: '没有这个心愿类别' })
  category!: WishCategory;
}

export class OverdueQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9a-z]{9}$/)
  streetCode?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}

@ApiTags('需求清单与派单 demand')
@ApiBearerAuth()
@Controller()
export class OfficerListsController {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('moderation')
  @Roles('station_manager', 'street_officer', 'district_officer')
  @ApiOperation({ summary: '待审核的心愿（本站点 / 本街道），最早的在前，按 next 翻页' })
  moderation(@Query() query: ModerationQueryDto, @CurrentPrincipal() principal: Principal) {
    const filter =
      principal.role === 'station_manager'
        ? { stationId: principal.station ?? '-' }
        : principal.role === 'street_officer'
          ? { streetCode: principal.street ?? '-', stationId: query.stationId }
          : { streetCode: query.streetCode, stationId: query.stationId };
    if (principal.role === 'station_manager' && !principal.station) throw wishesError('out_of_scope', '令牌未指定站点');
    return moderationQueue(this.db, filter, query, this.clock.now());
  }

  @Get('streets/:streetCode/demand')
  @Roles('street_officer', 'district_officer')
  @ApiOperation({ summary: '街道需求清单：已受理未决定的心愿按类别分组，含数量、附议和时长' })
  demand(@Param('streetCode') streetCode: string, @CurrentPrincipal() principal: Principal) {
    authorize(principal, { street: streetCode });
    return demandList(this.db, streetCode, this.clock.now());
  }

  @Get('streets/:streetCode/demand/:category')
  @Roles('street_officer', 'district_officer')
  @ApiOperation({ summary: '需求清单的一组：街道某类已受理未决定的心愿，最早的在前，分页：{ items, next }' })
  demandGroup(@Param() params: DemandGroupParamsDto, @Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    authorize(principal, { street: params.streetCode });
    return demandWishes(this.db, params.streetCode, params.category, query, this.clock.now());
  }

  @Get('overdue')
  @Roles('street_officer', 'district_officer', 'city_officer', 'province_officer')
  @ApiOperation({ summary: '逾期清单：超过期限仍未办结的心愿，是否已上报区县' })
  overdue(@Query() query: OverdueQueryDto, @CurrentPrincipal() principal: Principal) {
    const streetCode = principal.role === 'street_officer' ? principal.street : query.streetCode;
    if (principal.role === 'street_officer' && !streetCode) throw wishesError('out_of_scope', '令牌未指定街道');
    return overdueList(this.db, { streetCode, limit: query.limit ?? 100 }, this.clock.now());
  }
}
