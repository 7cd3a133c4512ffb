import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { ownEventPrefix, WISHES_CONTEXT, type DemandDispatchDecided, type EventEnvelope, type TaskCreated, type WishReopened } from '@ws/contracts';
import { derivedId } from '@ws/kernel';
import { RETIRED_DURABLES, type ConsumedEvent } from '@ws/messaging';
import { actOnEach, CommandRunner, PLATFORM_CONFIG, Reaction, reactionMeta, type EventReaction, type PartlyRefused, type PlatformConfig } from '@ws/platform';
import { evolveTask } from '../task/task.decider';
import { TaskDispatcher } from '../task/task-dispatcher';
import { tasksFromDecision } from './tasks-from-decision';
import { taskAggregate } from '../aggregates';
import type { DispatchDatabase } from '../db/database';

/**
 * Dispatch's reaction to the wishes service's events on this node: a street officer's decision
 * becomes tasks (each offered to its first volunteers), a reopened wish reopens its task. The
 * tasks' events are appended in the transaction that moves the reaction's checkpoint, so each
 * event is acted on once; the task, invitation and event ids derive from the causing event
 * besides, so a copy of it republished later finds its work done. A
 * refusal of the domain (reopening a cancelled task; one of a decision's tasks) is recorded as
 * refused (the reaction policy); a decision's other tasks are created all the same.
 */
@Reaction()
@Injectable()
export class WishesReaction implements EventReaction {
  readonly name = 'dispatch.tasks-from-wishes';
  readonly events = ['DemandDispatchDecided', 'WishReopened'];
  /** The durable consumers of the JetStream transport this reaction replaced. */
  readonly replaces = RETIRED_DURABLES.dispatch;
  readonly filter: string;

  constructor(
    private readonly runner: CommandRunner,
    private readonly dispatcher: TaskDispatcher,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    this.filter = `${ownEventPrefix(config.node)}.${WISHES_CONTEXT}.>`;
  }

  async react(trx: Transaction<DispatchDatabase>, { envelope }: ConsumedEvent): Promise<void | PartlyRefused> {
    if (envelope.type === 'DemandDispatchDecided') return this.dispatchDecided(trx, envelope as EventEnvelope<'DemandDispatchDecided', DemandDispatchDecided['data']>);
    return this.wishReopened(trx, envelope as EventEnvelope<'WishReopened', WishReopened['data']>);
  }

  private dispatchDecided(trx: Transaction<DispatchDatabase>, envelope: EventEnvelope<'DemandDispatchDecided', DemandDispatchDecided['data']>): Promise<void | PartlyRefused> {
    return actOnEach(tasksFromDecision(envelope.eventId, envelope.data), (task) => `task ${task.taskId}`, (task) => this.createTask(trx, task, envelope));
  }

  private async wishReopened(trx: Transaction<DispatchDatabase>, envelope: EventEnvelope<'WishReopened', WishReopened['data']>): Promise<void> {
    const { taskId, wishId, reason, deadline } = envelope.data;
    if (!taskId) return; // answered without dispatch: the wishes service puts it back on the demand list
    await this.runner.run(
      taskAggregate,
      taskId,
      async (state) => ({
        type: 'ReopenTask',
        wishIds: [wishId],
        reason,
        deadline,
        offer: await this.dispatcher.offerFor({ ...state, asked: [], deadline }, derivedId(envelope.eventId, `invitation:${taskId}`), trx),
      }),
      { trx, meta: reactionMeta(this.name, envelope, `task:${taskId}`) },
    );
  }

  private async createTask(trx: Transaction<DispatchDatabase>, task: TaskCreated['data'], cause: EventEnvelope): Promise<void> {
    const { version } = await this.runner.load(taskAggregate, task.taskId, trx);
    if (version > 0) return; // the task id derives from the decision: it exists already
    await this.runner.run(
      taskAggregate,
      task.taskId,
      async (state) => ({
        type: 'CreateTask',
        task,
        offer: await this.dispatcher.offerFor(evolveTask(state, { type: 'TaskCreated', data: task }), derivedId(cause.eventId, `invitation:${task.taskId}`), trx),
      }),
      { trx, meta: reactionMeta(this.name, cause, `task:${task.taskId}`) },
    );
  }
}
