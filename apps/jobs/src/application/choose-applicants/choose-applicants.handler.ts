import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import { maskMobile, maskName } from '@ws/contracts';
import { DomainError, isUuid } from '@ws/kernel';
import { CommandRunner, DB } from '@ws/platform';
import { postingAggregate } from '../../aggregates';
import type { JobsDatabase } from '../../db/database';
import { jobsError } from '../../errors';
import { decodeCursor, DEFAULT_PAGE_SIZE, exactTimeText, page } from '../../shared/pages';
import type { PageQueryDto } from '../../shared/pages';
import { ERASED_LABEL, JobsVault } from '../../vault/jobs-vault';
import { applicationView, CHOSEN } from '../application-view';
import type { ApplicationCommand } from '../application.decider';
import { runApplicationCommand } from '../run-application-command';

/** The employer's side before the hire: the applicants of their posting (masked until invited), an invitation, a decline. */
@Injectable()
export class ChooseApplicantsHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
  ) {}

  async applicants(postingId: string, query: PageQueryDto, employerId: string) {
    const posting = (await this.runner.load(postingAggregate, postingId)).state;
    if (posting.status === 'none' || posting.employerId !== employerId) throw jobsError('posting_not_found', '没有这条招工信息');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('application_board')
      .selectAll()
      // The cursor carries applied_at to the microsecond: applications of one millisecond are neither skipped nor repeated.
      .select(exactTimeText('applied_at').as('cursor_at'))
      .where('posting_id', '=', postingId)
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(applied_at, application_id) > (${after!.at}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('applied_at')
      .orderBy('application_id')
      .limit(limit + 1)
      .execute();
    const shown = page(rows, limit, (r) => ({ at: r.cursor_at, id: r.application_id }));
    const items = [];
    for (const row of shown.items) {
      items.push({ ...applicationView(row), applicant: await this.applicant(row.seeker_id, CHOSEN.includes(row.status)) });
    }
    return { items, next: shown.next };
  }

  /** Who applied, masked until chosen; a seeker who erased their data is 已注销, with nothing else. */
  private async applicant(seekerId: string, chosen: boolean) {
    let profile: Record<string, string | null>;
    try {
      profile = await this.vault.openProfile('seeker', seekerId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'personal_data_erased') return { name: ERASED_LABEL, mobile: null, masked: true, erased: true };
      throw error;
    }
    const name = profile['name'] ?? '';
    const mobile = profile['mobile'] ?? '';
    return { name: chosen ? name : maskName(name), mobile: chosen ? mobile : maskMobile(mobile), masked: !chosen, erased: false };
  }

  /** The employer's command on an application to one of their postings. */
  act(employerId: string, applicationId: string, command: ApplicationCommand) {
    return runApplicationCommand(this.runner, 'employer', employerId, applicationId, () => command);
  }
}
