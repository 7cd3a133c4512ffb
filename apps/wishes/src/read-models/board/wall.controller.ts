import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Kysely } from 'kysely';
import { WISH_CATEGORIES, WISH_STATUSES } from '@ws/contracts';
import type { WishCategory, WishStatus } from '@ws/contracts';
import { CLOCK, Public } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB } from '@ws/platform';
import { Photos } from '@ws/uploads';
import type { WishesDatabase } from '../../db/database';
import { statusPage } from './status-page.query';
import { wall } from './wall.query';
import { wishesError } from '../../errors';

export class WallQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  stationId?: string;

  @ApiPropertyOptional({ description: '社区代码（12 位）' }) @IsOptional() @Matches(/^[0-9a-z]{12}$/)
  communityCode?: string;

  @ApiPropertyOptional({ enum: WISH_CATEGORIES }) @IsOptional() @IsIn(WISH_CATEGORIES)
  category?: WishCategory;

  @ApiPropertyOptional({ enum: WISH_STATUSES }) @IsOptional() @IsIn(WISH_STATUSES)
  status?: WishStatus;

  @ApiPropertyOptional({ description: '翻页：早于该时间提交的' }) @IsOptional() @IsISO8601({ strict: true })
  before?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

@ApiTags('心愿墙 wishes')
@Controller()
export class WallController {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly photos: Photos,
  ) {}

  @Get('wall')
  @Public()
  @ApiOperation({ summary: '心愿墙：某站点或社区已受理的心愿，作者已隐去，含附议数和状态时长' })
  async wall(@Query() query: WallQueryDto) {
    if (!query.stationId && !query.communityCode) throw wishesError('validation_failed', '须指定 stationId 或 communityCode', 'stationId');
    return { wishes: await wall(this.db, { ...query, limit: query.limit ?? 50 }, this.clock.now()) };
  }

  @Get('wishes/no/:wishNo')
  @Public()
  @ApiOperation({ summary: '按心愿编号查询进度（每次状态变化及告知作者的内容）' })
  async status(@Param('wishNo') wishNo: string) {
    const page = await statusPage(this.db, wishNo, this.clock.now());
    return { ...page, photos: this.photos.links(page.photoRefs) };
  }
}
