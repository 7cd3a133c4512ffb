import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { CLOCK } from '@ws/kernel';
import type { Clock, Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { JobsDatabase } from '../../db/database';
import { jobsError } from '../../errors';
import { decodeCursor, page } from '../../shared/pages';
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
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.after);
    const rows = await this.db
      .selectFrom('fair_board')
      .selectAll()
      .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status!))
      .$if(principal.street !== undefined, (qb) => qb.where('street_code', '=', principal.street!))
      .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('starts_at', '>', new Date(after!.at)), eb.and([eb('starts_at', '=', new Date(after!.at)), eb('fair_id', '>', after!.id)])])))
      .orderBy('starts_at')
      .orderBy('fair_id')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: new Date(r.starts_at).toISOString(), id: r.fair_id }));
    return { items: result.items.map(fairView), next: result.next };
  }

  async upcoming(query: PageQueryDto) {
    const limit = Math.min(query.limit ?? 20, 50);
    const after = decodeCursor(query.after);
    const rows = await this.db
      .selectFrom('fair_board')
      .selectAll()
      .where('status', '=', 'scheduled')
      .where('ends_at', '>', this.clock.now())
      .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('starts_at', '>', new Date(after!.at)), eb.and([eb('starts_at', '=', new Date(after!.at)), eb('fair_id', '>', after!.id)])])))
      .orderBy('starts_at')
      .orderBy('fair_id')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: new Date(r.starts_at).toISOString(), id: r.fair_id }));
    return {
      items: result.items.map((r) => ({ fairId: r.fair_id, title: r.title, format: r.format, stationId: r.station_id, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(), postings: r.postings })),
      next: result.next,
    };
  }

  async show(fairId: string, principal: Principal) {
    const row = await this.db.selectFrom('fair_board').selectAll().where('fair_id', '=', fairId).executeTakeFirst();
    // Another street's fair is answered as no fair at all.
    if (!row || (principal.street !== undefined && row.street_code !== principal.street)) throw jobsError('fair_not_found', '没有这场招聘会');
    const postings = await this.db.selectFrom('fair_postings').selectAll().where('fair_id', '=', fairId).orderBy('posting_id').execute();
    return { ...fairView(row), postings: postings.map((p) => ({ postingId: p.posting_id, employerId: p.employer_id, category: p.category, intentions: p.intentions })) };
  }
}
