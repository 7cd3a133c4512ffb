import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import type { PostingDetails } from '@ws/contracts';
import { isUuid, newId } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig, RunOptions } from '@ws/platform';
import { employerAggregate, postingAggregate } from '../../aggregates';
import type { JobsDatabase } from '../../db/database';
import { jobsError } from '../../errors';
import { plainSlots } from '../../shared/dto';
import type { PostingDto } from '../../shared/dto';
import { decodeCursor, DEFAULT_PAGE_SIZE, exactTimeText, page } from '../../shared/pages';
import type { PageQueryDto } from '../../shared/pages';
import { assertStreetInNode } from '../../shared/scope';
import { JobsVault } from '../../vault/jobs-vault';
import type { PostingCommand, PostingState } from '../posting.decider';
import { postingView } from '../posting-view';

/** An employer's own postings: drafted with the address sealed in the vault, revised, submitted, withdrawn, listed. */
@Injectable()
export class ManagePostingHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async draft(body: PostingDto, employerId: string) {
    assertStreetInNode(body.streetCode, this.platform.node.code);
    const employer = (await this.runner.load(employerAggregate, employerId)).state;
    if (employer.status === 'none') throw jobsError('employer_not_found', '没有这个雇主');
    const postingId = newId();
    const addressRef = newId();
    const { state, version } = await this.runner.run(
      postingAggregate,
      postingId,
      { type: 'DraftPosting', postingId, employerId, employerKind: employer.kind, employerStatus: employer.status, details: details(body, addressRef) },
      { meta: { actor: `employer:${employerId}` }, alongside: (trx) => this.storeAddress(trx, addressRef, employerId, body) },
    );
    return { postingId, status: state.status, version };
  }

  revise(postingId: string, body: PostingDto, employerId: string) {
    assertStreetInNode(body.streetCode, this.platform.node.code);
    const addressRef = newId();
    return this.actAsEmployer(postingId, employerId, () => ({ type: 'RevisePosting', details: details(body, addressRef) }), (trx) => this.storeAddress(trx, addressRef, employerId, body));
  }

  async submit(postingId: string, employerId: string) {
    const employer = (await this.runner.load(employerAggregate, employerId)).state;
    return this.actAsEmployer(postingId, employerId, () => ({ type: 'SubmitPosting', employerStatus: employer.status === 'none' ? 'registered' : employer.status }));
  }

  withdraw(postingId: string, employerId: string) {
    return this.actAsEmployer(postingId, employerId, () => ({ type: 'WithdrawPosting' }));
  }

  async mine(employerId: string, query: PageQueryDto) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('posting_board')
      .selectAll()
      // The cursor carries drafted_at to the microsecond: postings of one millisecond are neither skipped nor repeated.
      .select(exactTimeText('drafted_at').as('cursor_at'))
      .where('employer_id', '=', employerId)
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(drafted_at, posting_id) < (${after!.at}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('drafted_at', 'desc')
      .orderBy('posting_id', 'desc')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: r.cursor_at, id: r.posting_id }));
    return { items: result.items.map(postingView), next: result.next };
  }

  private storeAddress(trx: Parameters<NonNullable<RunOptions['alongside']>>[0], addressRef: string, employerId: string, body: PostingDto) {
    return this.vault.store(trx, { ref: addressRef, ownerKind: 'address', ownerId: employerId, mobile: null, data: { address: body.address.trim() }, home: null });
  }

  private async actAsEmployer(postingId: string, employerId: string, command: (state: PostingState) => PostingCommand, alongside?: RunOptions['alongside']) {
    const { state, version } = await this.runner.run(
      postingAggregate,
      postingId,
      (current: PostingState) => {
        // Another employer's posting is answered as no posting at all.
        if (current.status === 'none' || current.employerId !== employerId) throw jobsError('posting_not_found', '没有这条招工信息');
        return command(current);
      },
      { meta: { actor: `employer:${employerId}` }, alongside },
    );
    return { postingId, status: state.status, version };
  }
}

function details(body: PostingDto, addressRef: string): PostingDetails {
  return {
    category: body.category,
    payMode: body.payMode,
    pay: { minFen: body.pay.minFen, maxFen: body.pay.maxFen, unit: body.pay.unit },
    headcount: body.headcount,
    title: body.title,
    description: body.description,
    requirements: body.requirements ?? '',
    skills: body.skills,
    schedule: { slots: plainSlots(body.schedule.slots), startDate: body.schedule.startDate ?? null, endDate: body.schedule.endDate ?? null },
    streetCode: body.streetCode,
    location: { lng: body.location.lng, lat: body.location.lat },
    addressRef,
    validUntil: body.validUntil,
  };
}
