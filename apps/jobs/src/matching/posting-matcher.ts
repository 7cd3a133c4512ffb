import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { JOBS_AGGREGATES, JOBS_CONTEXT, ownEventPrefix, shanghaiToday } from '@ws/contracts';
import type { PostingEvent } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { CommandRunner, PLATFORM_CONFIG, Reaction, reactionMeta } from '@ws/platform';
import type { EventReaction, PlatformConfig } from '@ws/platform';
import type { JobsDatabase } from '../db/database';
import { matchSeekers } from './match-seekers';
import { postingAggregate } from '../aggregates';

/**
 * 精准推送: when one of the node's postings opens, the best-matching seekers get it in their jobs
 * inbox, and a PostingMatched fact per seeker (ids and a distance band) goes on the posting's
 * stream for notify, which tells the seeker on their channels (SMS through jobs' contact answer,
 * WeChat, push; its caps, quiet hours and opt-outs). A reaction, checkpointed with the pushes and
 * facts it writes, so each opening is pushed once; never rebuilt (a replay would push again
 * against today's caps).
 */
@Reaction()
@Injectable()
export class PostingMatcher implements EventReaction<JobsDatabase> {
  readonly name = 'jobs.push-matcher';
  readonly events = ['PostingOpened'];
  readonly filter: string;

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    private readonly runner: CommandRunner,
  ) {
    this.filter = `${ownEventPrefix(config.node)}.${JOBS_CONTEXT}.${JOBS_AGGREGATES.posting}.>`;
  }

  async react(trx: Transaction<JobsDatabase>, { envelope }: ConsumedEvent): Promise<void> {
    const event = envelope as unknown as Extract<PostingEvent, { type: 'PostingOpened' }>;
    const { state } = await this.runner.load(postingAggregate, event.data.postingId, trx);
    if (!state.details) return;
    const at = new Date(envelope.occurredAt);
    const matches = await matchSeekers(trx, state.details, at);
    if (matches.length === 0) return;
    await trx
      .insertInto('job_pushes')
      .values(matches.map((m) => ({ seeker_id: m.seekerId, posting_id: event.data.postingId, pushed_on: shanghaiToday(at), distance_km: m.distanceKm, pushed_at: at, read_at: null })))
      .onConflict((oc) => oc.columns(['seeker_id', 'posting_id']).doNothing())
      .execute();
    await this.runner.run(postingAggregate, event.data.postingId, { type: 'RecordMatches', matches }, { trx, meta: reactionMeta(this.name, envelope) });
  }
}
