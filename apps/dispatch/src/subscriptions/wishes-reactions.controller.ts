import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DemandDispatchDecided, EventEnvelope, TaskCreated, WishReopened } from '@ws/contracts';
import type { AppendMeta } from '@ws/eventstore';
import { derivedId, DomainError } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { evolveTask } from '../task/task.decider';
import { TaskDispatcher } from '../task/task-dispatcher';
import { tasksFromDecision } from './tasks-from-decision';
import { taskAggregate } from '../aggregates';

/**
 * Reactions to the wishes service's events (on this node's EVT stream, durable consumer).
 * Every id and append derives from the causing event, so a redelivery finds its work done.
 * A handler that throws is redelivered; a refusal of the domain (e.g. reopening a cancelled
 * task) is logged and acknowledged: retrying would not change the answer.
 */
@Controller()
export class WishesReactions {
  private readonly logger = new Logger('WishesReactions');

  constructor(
    private readonly runner: CommandRunner,
    private readonly dispatcher: TaskDispatcher,
  ) {}

  @EventPattern('wishes.demand.DemandDispatchDecided')
  async onDispatchDecided(@Payload() envelope: EventEnvelope<'DemandDispatchDecided', DemandDispatchDecided['data']>): Promise<void> {
    for (const task of tasksFromDecision(envelope.eventId, envelope.data)) {
      await this.refusalsLogged(envelope, () => this.createTask(task, envelope));
    }
  }

  @EventPattern('wishes.wish.WishReopened')
  async onWishReopened(@Payload() envelope: EventEnvelope<'WishReopened', WishReopened['data']>): Promise<void> {
    const { taskId, wishId, reason, deadline } = envelope.data;
    if (!taskId) return; // answered without dispatch: the wishes service puts it back on the demand list
    await this.refusalsLogged(envelope, () =>
      this.runner.run(
        taskAggregate,
        taskId,
        async (state, history) => {
          const alreadyHandled = history.some((e) => e.metadata.causationId === envelope.eventId);
          return {
            type: 'ReopenTask',
            wishIds: alreadyHandled ? [] : [wishId],
            reason,
            deadline,
            offer: await this.dispatcher.offerFor({ ...state, asked: [], deadline }, derivedId(envelope.eventId, `invitation:${taskId}`)),
          };
        },
        { retryOnConflict: true, meta: causedBy(envelope) },
      ),
    );
  }

  private async createTask(task: TaskCreated['data'], cause: EventEnvelope): Promise<void> {
    const { version } = await this.runner.load(taskAggregate, task.taskId);
    if (version > 0) return; // redelivered: the task exists
    try {
      await this.runner.run(
        taskAggregate,
        task.taskId,
        async (state) => ({
          type: 'CreateTask',
          task,
          offer: await this.dispatcher.offerFor(evolveTask(state, { type: 'TaskCreated', data: task }), derivedId(cause.eventId, `invitation:${task.taskId}`)),
        }),
        { meta: causedBy(cause) },
      );
    } catch (error) {
      // A concurrent delivery created it between our read and our append.
      if (error instanceof DomainError && (error.code === 'version_conflict' || error.code === 'task_already_exists')) return;
      throw error;
    }
  }

  private async refusalsLogged(envelope: EventEnvelope, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'version_conflict') throw error;
      this.logger.warn(`${envelope.type} ${envelope.eventId} refused: ${error.code} ${error.message}`);
    }
  }
}

function causedBy(envelope: EventEnvelope): AppendMeta {
  return { causationId: envelope.eventId, correlationId: envelope.metadata.correlationId, actor: 'system:wishes-reactions' };
}
