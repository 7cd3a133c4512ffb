import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import { authorize, isUuid } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner, DB } from '@ws/platform';
import { employerAggregate, postingAggregate } from '../../aggregates';
import type { JobsDatabase } from '../../db/database';
import { jobsError } from '../../errors';
import { decodeCursor, DEFAULT_PAGE_SIZE, exactTimeText, page } from '../../shared/pages';
import type { PageQueryDto } from '../../shared/pages';
import type { PostingCommand, PostingState } from '../posting.decider';
import { postingView } from '../posting-view';
import type { PostingListQueryDto } from './review-posting.dto';

/** The union's review of postings: the queues, a posting's reports, and the decisions on the posting's street. */
@Injectable()
export class ReviewPostingHandler {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
  ) {}

  async list(query: PostingListQueryDto, principal: Principal) {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('posting_board')
      .selectAll()
      // The cursor carries drafted_at to the microsecond: postings of one millisecond are neither skipped nor repeated.
      .select(exactTimeText('drafted_at').as('cursor_at'))
      .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status!))
      .$if(query.reported === 'true', (qb) => qb.where('reports', '>', 0))
      .$if(principal.street !== undefined, (qb) => qb.where('street_code', '=', principal.street!))
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(drafted_at, posting_id) > (${after!.at}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('drafted_at')
      .orderBy('posting_id')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: r.cursor_at, id: r.posting_id }));
    return { items: result.items.map(postingView), next: result.next };
  }

  async reports(postingId: string, query: PageQueryDto, principal: Principal) {
    const posting = await this.db.selectFrom('posting_board').select('street_code').where('posting_id', '=', postingId).executeTakeFirst();
    // Another street's posting is answered as no posting at all.
    if (!posting || (principal.street !== undefined && posting.street_code !== principal.street)) throw jobsError('posting_not_found', '没有这条招工信息');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // A report's place in the list is its sequence number (the cursor's id); `at` is when it came.
    const after = decodeCursor(query.after, (id) => /^\d{1,15}$/.test(id));
    const rows = await this.db
      .selectFrom('posting_reports')
      .selectAll()
      .where('posting_id', '=', postingId)
      .$if(after !== null, (qb) => qb.where('seq', '>', Number(after!.id)))
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: new Date(r.reported_at).toISOString(), id: String(r.seq) }));
    return { items: result.items.map((r) => ({ seq: r.seq, kind: r.kind, note: r.note, reportedAt: new Date(r.reported_at).toISOString() })), next: result.next };
  }

  approve(postingId: string, principal: Principal) {
    return this.decide(postingId, principal, async (state) => {
      const employer = (await this.runner.load(employerAggregate, state.employerId)).state;
      return { type: 'ApprovePosting', officerId: principal.subject, employerStatus: employer.status === 'none' ? 'registered' : employer.status };
    });
  }

  /** A reviewer's decision, on postings of their street only (the district's on all). */
  async decide(postingId: string, principal: Principal, command: (state: PostingState) => PostingCommand | Promise<PostingCommand>) {
    const { state, version } = await this.runner.run(
      postingAggregate,
      postingId,
      async (current: PostingState) => {
        if (current.details) authorize(principal, { street: current.details.streetCode, field: 'postingId' });
        return command(current);
      },
      { meta: { actor: principal.subject } },
    );
    return { postingId, status: state.status, version };
  }
}
