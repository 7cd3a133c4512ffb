import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { CurrentPrincipal, type Principal, Roles, uuidParam } from '@ws/kernel';
import { DB, PageQueryDto } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';
import { administeredMembership } from '../../memberships/member-scope';
import { actorOf } from '../../shared/scope';
import { BookPointsDto } from './book-points.dto';
import { BookPointsHandler } from './book-points.handler';

@ApiTags('积分 points')
@ApiBearerAuth()
@Controller('members/:membershipId/points')
@Roles('district_officer', 'street_officer')
export class BookPointsController {
  constructor(
    private readonly handler: BookPointsHandler,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
  ) {}

  @Get()
  @Roles('district_officer', 'street_officer', 'station_manager')
  @ApiOperation({ summary: '积分余额与明细：明细按时间倒序分页（{ items, next }，每页 1–200 条，默认 50），余额为当前值' })
  account(@Param('membershipId', uuidParam('membershipId')) membershipId: string, @Query() query: PageQueryDto) {
    return this.handler.account(membershipId, query);
  }

  @Post('credits')
  @HttpCode(200)
  @ApiOperation({ summary: '人工加分（原因记入 sourceRef）' })
  async credit(@Param('membershipId', uuidParam('membershipId')) membershipId: string, @Body() dto: BookPointsDto, @CurrentPrincipal() principal: Principal) {
    await administeredMembership(this.db, membershipId, principal);
    return this.handler.credit(
      { membershipId, entryId: dto.entryId, points: dto.points, source: 'manual', sourceRef: dto.reason },
      { actor: actorOf(principal) },
    );
  }

  @Post('debits')
  @HttpCode(200)
  @ApiOperation({ summary: '扣分更正（余额不足则拒绝）' })
  async debit(@Param('membershipId', uuidParam('membershipId')) membershipId: string, @Body() dto: BookPointsDto, @CurrentPrincipal() principal: Principal) {
    await administeredMembership(this.db, membershipId, principal);
    return this.handler.debit(membershipId, dto.entryId, dto.points, dto.reason, { actor: actorOf(principal) });
  }
}
