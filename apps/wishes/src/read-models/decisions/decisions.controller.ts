import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import { CurrentPrincipal, Roles, authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';

@ApiTags('需求清单与派单 demand')
@ApiBearerAuth()
@Controller('streets/:streetCode/decisions')
export class DecisionsController {
  constructor(@Inject(DB) private readonly db: Kysely<WishesDatabase>) {}

  @Get()
  @Roles('street_officer', 'district_officer', 'city_officer', 'province_officer')
  @ApiOperation({ summary: '街道的派单决定，最近的在前' })
  async list(@Param('streetCode') streetCode: string, @CurrentPrincipal() principal: Principal) {
    authorize(principal, { street: streetCode });
    const rows = await this.db.selectFrom('demand_decisions').selectAll().where('street_code', '=', streetCode).orderBy('decided_at', 'desc').limit(200).execute();
    return rows.map((r) => ({
      decisionId: r.decision_id,
      category: r.category,
      mode: r.mode,
      wishIds: r.wish_ids,
      title: r.title,
      activity: r.activity,
      answer: r.answer,
      deadline: r.deadline.toISOString(),
      officerId: r.officer_id,
      decidedAt: r.decided_at.toISOString(),
    }));
  }
}
