import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { CLOCK, derivedId, newId } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { CommandRunner, DB, PeriodicJob, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { DISPATCH_CONFIG } from '../../dispatch.config';
import type { DispatchConfig } from '../../dispatch.config';
import type { DispatchDatabase } from '../../db/database';
import type { Offer } from '../task.decider';
import { TaskDispatcher } from '../task-dispatcher';
import { taskAggregate } from '../../aggregates';

const BATCH = 200;
const SYSTEM = { actor: 'system:dispatch-sweeper' };

/**
 * The clock's side of dispatch. Every few seconds: invitations past their time expire and the
 * task moves to the next candidate (or escalates: a street invitation never outlives the
 * deadline); tasks nobody could take are offered again, reaching volunteers registered since.
 * It finds work in the read models and decides on the streams, so a sweep that runs twice, late,
 * or on two instances at once appends nothing twice (the decider ignores what is no longer
 * pending; the stream version refuses the slower writer, who re-reads and finds nothing to do).
 * Being idempotent, it could sweep in every process; one per service database does (the job's
 * lease), which is cheaper. `lastOffered` is the memory of the process that swept: when another
 * gets the lease, a waiting task may be offered again before `reofferAfterMs`, as before.
 */
@Injectable()
export class DispatchSweeper extends PeriodicJob<SweepResult> {
  private readonly lastOffered = new Map<string, number>();

  constructor(
    private readonly runner: CommandRunner,
    private readonly dispatcher: TaskDispatcher,
    @Inject(DB) private readonly db: Kysely<DispatchDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super({ name: 'DispatchSweeper', everyMs: config.sweepIntervalMs, leaseOn: db });
  }

  protected async pass(): Promise<SweepResult> {
    const now = this.clock.now();
    return { expired: await this.expireDue(now), reoffered: await this.reofferWaiting(now) };
  }

  private async expireDue(now: Date): Promise<number> {
    const due = await this.db
      .selectFrom('invitation_board')
      .select(['task_id', 'invitation_id'])
      .where('status', '=', 'pending')
      .where('expires_at', '<=', now)
      .where('district_code', '=', this.platform.node.code)
      .orderBy('expires_at')
      .limit(BATCH)
      .execute();
    let expired = 0;
    for (const { task_id: taskId, invitation_id: invitationId } of due) {
      try {
        const { events } = await this.runner.run(
          taskAggregate,
          taskId,
          async (state) => ({
            type: 'ExpireInvitation',
            invitationId,
            // The next invitation's id derives from the expired one: a retried sweep invites with the same id.
            offer: state.invitations[invitationId]?.status === 'pending' ? await this.dispatcher.offerFor(state, derivedId(invitationId, 'next')) : nobody(),
          }),
          { retryOnConflict: true, meta: SYSTEM },
        );
        if (events.some((e) => e.type === 'InvitationExpired')) expired += 1;
      } catch (error) {
        this.logger.error(`expiring invitation ${invitationId} of task ${taskId} failed`, error as Error);
      }
    }
    return expired;
  }

  private async reofferWaiting(now: Date): Promise<number> {
    const waiting = await this.db
      .selectFrom('task_board')
      .select('task_id')
      .where('status', '=', 'open')
      .where('pending_invitation_id', 'is', null)
      .where('district_code', '=', this.platform.node.code)
      .orderBy('created_at')
      .limit(BATCH)
      .execute();
    const stillWaiting = new Set(waiting.map((w) => w.task_id));
    for (const taskId of this.lastOffered.keys()) if (!stillWaiting.has(taskId)) this.lastOffered.delete(taskId);
    let reoffered = 0;
    for (const taskId of stillWaiting) {
      if (now.getTime() - (this.lastOffered.get(taskId) ?? 0) < this.config.reofferAfterMs) continue;
      this.lastOffered.set(taskId, now.getTime());
      try {
        const { events } = await this.runner.run(
          taskAggregate,
          taskId,
          async (state) => ({ type: 'OfferAgain', offer: state.pendingInvitationId === null ? await this.dispatcher.offerFor(state, newId()) : nobody() }),
          { retryOnConflict: true, meta: SYSTEM },
        );
        if (events.length > 0) reoffered += 1;
      } catch (error) {
        this.logger.error(`offering task ${taskId} again failed`, error as Error);
      }
    }
    return reoffered;
  }
}

export interface SweepResult {
  expired: number;
  reoffered: number;
}

/** An offer with no candidates, for a command the decider will ignore anyway. */
function nobody(): Offer {
  return { invitationId: newId(), streetCandidates: [], districtCandidates: [], district: '', invitationTtlMs: 0 };
}
