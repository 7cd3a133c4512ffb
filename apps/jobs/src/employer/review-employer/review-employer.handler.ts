import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import { maskMobile } from '@ws/contracts';
import { authorize, DomainError, isUuid } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner, DB } from '@ws/platform';
import { employerAggregate } from '../../aggregates';
import type { JobsDatabase } from '../../db/database';
import { jobsError } from '../../errors';
import { decodeCursor, exactTimeText, page } from '../../shared/pages';
import { ERASED_LABEL, JobsVault } from '../../vault/jobs-vault';
import type { EmployerCommand } from '../employer.decider';
import { runEmployerCommand } from '../run-employer-command';
import type { EmployerListQueryDto } from './review-employer.dto';

/** The union's review of employers: the roll, one employer opened from the vault, and the decisions on the employer's street. */
@Injectable()
export class ReviewEmployerHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
  ) {}

  async list(query: EmployerListQueryDto, principal: Principal) {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('employer_board')
      .selectAll()
      // The cursor carries registered_at to the microsecond: employers of one millisecond are neither skipped nor repeated.
      .select(exactTimeText('registered_at').as('cursor_at'))
      .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status!))
      .$if(principal.street !== undefined, (qb) => qb.where('street_code', '=', principal.street!))
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(registered_at, employer_id) > (${after!.at}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('registered_at')
      .orderBy('employer_id')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: r.cursor_at, id: r.employer_id }));
    return {
      items: result.items.map((r) => ({ employerId: r.employer_id, kind: r.kind, streetCode: r.street_code, status: r.status, registeredAt: new Date(r.registered_at).toISOString() })),
      next: result.next,
    };
  }

  async show(employerId: string, principal: Principal) {
    const row = await this.db.selectFrom('employer_board').selectAll().where('employer_id', '=', employerId).executeTakeFirst();
    // Another street's employer is answered as no employer at all.
    if (!row || (principal.street !== undefined && row.street_code !== principal.street)) throw jobsError('employer_not_found', '没有这个雇主');
    // A householder who erased their data (注销) is shown so; a company keeps its name without the contact.
    const profile = await this.vault.openProfile('employer', employerId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'personal_data_erased') return { name: ERASED_LABEL } as Record<string, string | null>;
      throw error;
    });
    const postings = await this.db.selectFrom('posting_board').select(['status', (eb) => eb.fn.countAll<number>().as('count')]).where('employer_id', '=', employerId).groupBy('status').execute();
    return {
      employerId,
      kind: row.kind,
      streetCode: row.street_code,
      status: row.status,
      registeredAt: new Date(row.registered_at).toISOString(),
      name: profile['name'] ?? null,
      creditCode: profile['creditCode'] ?? null,
      // Masked: enough to tell two employers apart on the phone, not to call them from a screen.
      mobile: profile['mobile'] ? maskMobile(profile['mobile']) : null,
      postings: Object.fromEntries(postings.map((p) => [p.status, Number(p.count)])),
    };
  }

  /** A reviewer's decision, on employers of their street only (the district's on all). */
  async decide(employerId: string, command: EmployerCommand, principal: Principal) {
    const { state } = await this.runner.load(employerAggregate, employerId);
    if (state.status !== 'none') authorize(principal, { street: state.streetCode, field: 'employerId' });
    return runEmployerCommand(this.runner, employerId, command, principal.subject);
  }
}
