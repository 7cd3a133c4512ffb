import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { CLOCK, isUuid } from '@ws/kernel';
import type { Clock, Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { JobsDatabase } from '../../db/database';
import { jobsError } from '../../errors';
import { decodeCursor, exactTimeText, page } from '../../shared/pages';
import type { PageQueryDto } from '../../shared/pages';
import { fairView } from '../fair-view';
import type { FairListQueryDto } from './view-fairs.dto';

/** Fairs from `fair_board`: the officers' list and page (their street's, for a street officer), and the public list of what is coming. */
@Injectable()
export class ViewFairsHandler {
  constructor(
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: FairListQueryDto, principal: Principal) {
    const { items, next } = await this.page(query.after, query.limit ?? 50, (eb) =>
      eb.and([...(query.status !== undefined ? [eb('status', '=', query.status)] : []), ...(principal.street !== undefined ? [eb('street_code', '=', principal.street)] : [])]),
    );
    return { items: items.map(fairView), next };
  }

  async upcoming(query: PageQueryDto) {
    const { items, next } = await this.page(query.after, Math.min(query.limit ?? 20, 50), (eb) => eb.and([eb('status', '=', 'scheduled'), eb('ends_at', '>', this.clock.now())]));
    return {
      items: items.map((r) => ({ fairId: r.fair_id, title: r.title, format: r.format, stationId: r.station_id, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(), postings: r.postings })),
      next,
    };
  }

  async show(fairId: string, principal: Principal) {
    const row = await this.db.selectFrom('fair_board').selectAll().where('fair_id', '=', fairId).executeTakeFirst();
    // Another street's fair is answered as no fair at all.
    if (!row || (principal.street !== undefined && row.street_code !== principal.street)) throw jobsError('fair_not_found', '没有这场招聘会');
    const postings = await this.db.selectFrom('fair_postings').selectAll().where('fair_id', '=', fairId).orderBy('posting_id').execute();
    return { ...fairView(row), postings: postings.map((p) => ({ postingId: p.posting_id, employerId: p.employer_id, category: p.category, intentions: p.intentions })) };
  }

  /** A keyset page of the fairs `kept` keeps, soonest first; the cursor carries starts_at to the microsecond (fairs of one millisecond are neither skipped nor repeated). */
  private async page(cursor: string | undefined, limit: number, kept: (eb: ExpressionBuilder<JobsDatabase, 'fair_board'>) => Expression<SqlBool>) {
    const after = decodeCursor(cursor, isUuid);
    const rows = await this.db
      .selectFrom('fair_board')
      .selectAll()
      .select(exactTimeText('starts_at').as('cursor_at'))
      .where(kept)
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(starts_at, fair_id) > (${after!.at}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('starts_at')
      .orderBy('fair_id')
      .limit(limit + 1)
      .execute();
    return page(rows, limit, (r) => ({ at: r.cursor_at, id: r.fair_id }));
  }
}
