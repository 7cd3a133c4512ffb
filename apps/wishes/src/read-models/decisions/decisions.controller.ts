import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely, sql } from 'kysely';
import { CurrentPrincipal, isUuid, Roles, authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { DB, decodeCursor, DEFAULT_PAGE_SIZE, page, PageQueryDto } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';

@ApiTags('需求清单与派单 demand')
@ApiBearerAuth()
@Controller('streets/:streetCode/decisions')
export class DecisionsController {
  constructor(@Inject(DB) private readonly db: Kysely<WishesDatabase>) {}

  @Get()
  @Roles('street_officer', 'district_officer', 'city_officer', 'province_officer')
  @ApiOperation({ summary: '街道的派单决定，最近的在前，按 next 翻页' })
  async list(@Param('streetCode') streetCode: string, @Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    authorize(principal, { street: streetCode });
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('demand_decisions')
      .selectAll()
      .where('street_code', '=', streetCode)
      .$if(after !== null, (q) => q.where(sql<boolean>`(decided_at, decision_id) < (${new Date(after!.at)}, ${after!.id}::uuid)`))
      .orderBy('decided_at', 'desc')
      .orderBy('decision_id', 'desc')
      .limit(limit + 1)
      .execute();
    const { items, next } = page(rows, limit, (r) => ({ at: r.decided_at.toISOString(), id: r.decision_id }));
    const decisions = items.map((r) => ({
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
    return { items: decisions, next };
  }
}
