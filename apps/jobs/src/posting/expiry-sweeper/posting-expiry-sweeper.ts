import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { CLOCK, DomainError } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { CommandRunner, DB, PeriodicJob, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { JobsDatabase } from '../../db/database';
import { JOBS_CONFIG } from '../../jobs.config';
import type { JobsConfig } from '../../jobs.config';
import { postingAggregate } from '../../aggregates';

const BATCH = 200;

export interface ExpirySweepResult {
  expired: number;
}

/**
 * The clock's side of postings: an open posting (or one still in review) past its valid-until
 * expires and leaves search. Candidates come from the board; the decider judges each again
 * from its stream, so a rerun, a lagging board or two sweepers at once expire nothing twice
 * (the decider answers an expired posting with no event; the stream version refuses the slower
 * writer, who re-reads and finds nothing to do). One process per service database sweeps (the
 * job's lease): running everywhere would be as safe, only dearer.
 */
@Injectable()
export class PostingExpirySweeper extends PeriodicJob<ExpirySweepResult> {

  constructor(
    private readonly runner: CommandRunner,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JOBS_CONFIG) private readonly config: JobsConfig,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {
    super({ name: 'PostingExpirySweeper', everyMs: config.sweepIntervalMs, leaseOn: db });
  }

  protected async pass(): Promise<ExpirySweepResult> {
    const now = this.clock.now();
    let expired = 0;
    let after: string | null = null;
    for (;;) {
      const due = await this.db
        .selectFrom('posting_board')
        .select('posting_id')
        // Only the node's own postings: a city's board also holds its districts', whose streams live there.
        .where('district_code', '=', this.platform.node.code)
        .where('status', 'in', ['open', 'in_review'])
        .where('valid_until', '<=', now)
        .$if(after !== null, (qb) => qb.where('posting_id', '>', after!))
        .orderBy('posting_id')
        .limit(BATCH)
        .execute();
      for (const { posting_id } of due) {
        try {
          const result = await this.runner.run(postingAggregate, posting_id, { type: 'ExpirePosting' }, { retryOnConflict: true, meta: { actor: 'system:posting-expiry-sweeper' } });
          if (result.events.length > 0) expired++;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          this.logger.warn(`ExpirePosting ${posting_id} refused: ${error.code}`);
        }
      }
      if (due.length < BATCH) return { expired };
      after = due.at(-1)!.posting_id;
    }
  }
}
