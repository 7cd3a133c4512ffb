import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely, sql } from 'kysely';
import { CLOCK, isUuid, uuidParam } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB } from '@ws/platform';
import { CurrentAccount, SeekerOnly } from '../access/jobs-access';
import type { JobsDatabase } from '../db/database';
import { navigationLinks } from '../search/navigation';
import { decodeCursor, exactTimeText, page, PageQueryDto } from '../shared/pages';
import { jobsError } from '../errors';

/** The seeker's jobs inbox: postings 精准推送 chose for them, newest first. */
@ApiTags('零工之家 jobs')
@Controller('seekers/me/inbox')
export class InboxController {
  constructor(
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @SeekerOnly()
  @ApiOperation({ summary: '推送给我的招工信息（精准推送），最新在前，含距离和导航' })
  async list(@CurrentAccount() seekerId: string, @Query() query: PageQueryDto) {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('job_pushes as j')
      .innerJoin('posting_board as p', 'p.posting_id', 'j.posting_id')
      .select(['j.posting_id', 'j.distance_km', 'j.pushed_at', 'j.read_at', 'p.title', 'p.category', 'p.pay_mode', 'p.pay_min_fen', 'p.pay_max_fen', 'p.pay_unit', 'p.status', 'p.lng', 'p.lat'])
      // The cursor carries pushed_at to the microsecond: pushes of one millisecond are neither skipped nor repeated.
      .select(exactTimeText('j.pushed_at').as('cursor_at'))
      .where('j.seeker_id', '=', seekerId)
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(j.pushed_at, j.posting_id) < (${after!.at}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('j.pushed_at', 'desc')
      .orderBy('j.posting_id', 'desc')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: r.cursor_at, id: r.posting_id }));
    return {
      items: result.items.map((r) => ({
        postingId: r.posting_id,
        title: r.title,
        category: r.category,
        payMode: r.pay_mode,
        pay: { minFen: r.pay_min_fen, maxFen: r.pay_max_fen, unit: r.pay_unit },
        status: r.status,
        distanceKm: r.distance_km,
        pushedAt: new Date(r.pushed_at).toISOString(),
        read: r.read_at !== null,
        navigation: navigationLinks({ lng: r.lng, lat: r.lat }, r.title),
      })),
      next: result.next,
    };
  }

  @Post(':postingId/read')
  @HttpCode(200)
  @SeekerOnly()
  @ApiOperation({ summary: '标记为已读' })
  async markRead(@CurrentAccount() seekerId: string, @Param('postingId', uuidParam('postingId')) postingId: string) {
    const row = await this.db
      .updateTable('job_pushes')
      .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(this.clock.now())) }))
      .where('seeker_id', '=', seekerId)
      .where('posting_id', '=', postingId)
      .returning('posting_id')
      .executeTakeFirst();
    if (!row) throw jobsError('posting_not_found', '没有这条推送');
    return { postingId, read: true };
  }
}
