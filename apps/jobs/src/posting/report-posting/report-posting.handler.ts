import { Inject, Injectable } from '@nestjs/common';
import { deriveKey, keyedHash } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { postingAggregate } from '../../aggregates';
import { jobsError } from '../../errors';
import { JOBS_CONFIG } from '../../jobs.config';
import type { JobsConfig } from '../../jobs.config';
import type { PostingCommand, PostingState } from '../posting.decider';
import type { ReportDto } from './report-posting.dto';

/** A seeker reports a posting they can see. */
@Injectable()
export class ReportPostingHandler {
  /** Reports carry a keyed hash of the seeker, never the seeker's id: one report per person, nobody named. */
  private readonly reporterKey: Buffer;

  constructor(
    private readonly runner: CommandRunner,
    @Inject(JOBS_CONFIG) jobs: JobsConfig,
  ) {
    this.reporterKey = deriveKey(jobs.vaultKey, 'jobs-reporter');
  }

  async report(postingId: string, body: ReportDto, seekerId: string) {
    const reporterHash = keyedHash(this.reporterKey, 'posting-report', `${postingId}:${seekerId}`);
    const { state, version } = await this.runner.run(
      postingAggregate,
      postingId,
      (current: PostingState): PostingCommand => {
        if (current.status === 'none' || current.status === 'draft' || current.status === 'in_review') throw jobsError('posting_not_found', '没有这条招工信息');
        return { type: 'ReportPosting', reporterHash, kind: body.kind, note: body.note ?? null };
      },
      { meta: { actor: 'seeker' } },
    );
    return { postingId, reports: state.reporters.length, version };
  }
}
