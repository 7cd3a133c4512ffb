import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import { isUuid } from '@ws/kernel';
import { CommandRunner, DB } from '@ws/platform';
import { postingAggregate } from '../../aggregates';
import type { JobsDatabase } from '../../db/database';
import { decodeCursor, DEFAULT_PAGE_SIZE, exactTimeText, page } from '../../shared/pages';
import type { PageQueryDto } from '../../shared/pages';
import { JobsVault } from '../../vault/jobs-vault';
import { applicationView, CHOSEN } from '../application-view';
import type { ApplicationCommand } from '../application.decider';
import { runApplicationCommand } from '../run-application-command';

/** The seeker's side: their applications (the work's address once invited), accepting an invitation, declining. */
@Injectable()
export class FollowApplicationsHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
  ) {}

  async mine(seekerId: string, query: PageQueryDto) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('application_board as a')
      .innerJoin('posting_board as p', 'p.posting_id', 'a.posting_id')
      .selectAll('a')
      .select(['p.title', 'p.category as posting_category', 'p.pay_mode', 'p.pay_min_fen', 'p.pay_max_fen', 'p.pay_unit', 'p.status as posting_status'])
      // The cursor carries applied_at to the microsecond: applications of one millisecond are neither skipped nor repeated.
      .select(exactTimeText('a.applied_at').as('cursor_at'))
      .where('a.seeker_id', '=', seekerId)
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(a.applied_at, a.application_id) < (${after!.at}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('a.applied_at', 'desc')
      .orderBy('a.application_id', 'desc')
      .limit(limit + 1)
      .execute();
    const shown = page(rows, limit, (r) => ({ at: r.cursor_at, id: r.application_id }));
    const items = [];
    for (const row of shown.items) {
      let address: string | null = null;
      if (CHOSEN.includes(row.status)) {
        const details = (await this.runner.load(postingAggregate, row.posting_id)).state.details;
        if (details) address = (await this.vault.open(details.addressRef).catch(() => ({}) as Record<string, string | null>))['address'] ?? null;
      }
      items.push({
        ...applicationView(row),
        posting: { title: row.title, category: row.posting_category, payMode: row.pay_mode, pay: { minFen: row.pay_min_fen, maxFen: row.pay_max_fen, unit: row.pay_unit }, status: row.posting_status },
        address,
      });
    }
    return { items, next: shown.next };
  }

  /** The seeker's command on their own application. */
  act(seekerId: string, applicationId: string, command: ApplicationCommand) {
    return runApplicationCommand(this.runner, 'seeker', seekerId, applicationId, () => command);
  }
}
