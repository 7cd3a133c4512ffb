import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { DISPATCH_AGGREGATES, DISPATCH_CONTEXT, ownEventPrefix, type TaskEvent } from '@ws/contracts';
import { RETIRED_DURABLES, type ConsumedEvent } from '@ws/messaging';
import { actOnEach, PLATFORM_CONFIG, Reaction, reactionMeta, type EventReaction, type PartlyRefused, type PlatformConfig } from '@ws/platform';
import { WishCommands } from '../wish/wish-commands';
import type { WishCommand } from '../wish/wish.decider';

/**
 * The wishes' side of dispatch's task events on this node (one reaction for all of them, so they
 * are handled in stream order: a task is created before it starts, starts before it completes).
 * Each wish's command is decided and appended in the transaction that moves the reaction's
 * checkpoint, so a task event is acted on once; each wish's events have ids derived from the task
 * event, so a copy of it republished later (a completion from before a reopen) appends nothing.
 * A wish the domain refuses (withdrawn meanwhile)
 * is recorded as refused (the reaction policy); the task's other wishes move all the same.
 */
@Reaction()
@Injectable()
export class DispatchReaction implements EventReaction {
  readonly name = 'wishes.from-dispatch-tasks';
  readonly events = ['TaskCreated', 'TaskStarted', 'TaskCompleted', 'TaskEscalated', 'TaskCancelled'] satisfies TaskEvent['type'][];
  /** The durable consumer of the JetStream transport this reaction replaced. */
  readonly replaces = RETIRED_DURABLES.wishes;
  readonly filter: string;

  constructor(
    private readonly wishes: WishCommands,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    this.filter = `${ownEventPrefix(config.node)}.${DISPATCH_CONTEXT}.${DISPATCH_AGGREGATES.task}.>`;
  }

  react(trx: Transaction<any>, { envelope }: ConsumedEvent): Promise<void | PartlyRefused> {
    const event = { type: envelope.type, data: envelope.data } as TaskEvent;
    return actOnEach(commandsFor(event), ({ wishId }) => `wish ${wishId}`, ({ wishId, command }) =>
      this.wishes.execute(wishId, command, { trx, meta: reactionMeta(this.name, envelope, `wish:${wishId}`) }),
    );
  }
}

/** What each task event asks of the wishes it serves; other task events concern only dispatch. */
export function commandsFor(event: TaskEvent): { wishId: string; command: WishCommand }[] {
  switch (event.type) {
    case 'TaskCreated':
      return event.data.source.wishIds.map((wishId) => ({
        wishId,
        command: { type: 'MarkDispatched', decisionId: event.data.source.decisionId, taskId: event.data.taskId },
      }));
    case 'TaskStarted':
      return event.data.wishIds.map((wishId) => ({ wishId, command: { type: 'MarkInProgress', taskId: event.data.taskId, volunteerId: event.data.volunteerId } }));
    case 'TaskCompleted':
      return event.data.wishIds.map((wishId) => ({
        wishId,
        command: {
          type: 'CompleteByTask',
          decisionId: event.data.decisionId,
          taskId: event.data.taskId,
          proof: { notes: event.data.proof.notes, photoRefs: event.data.proof.photoRefs, attendees: event.data.proof.attendees },
        },
      }));
    case 'TaskEscalated':
      return event.data.wishIds.map((wishId) => ({ wishId, command: { type: 'EscalateNoVolunteer', taskId: event.data.taskId } }));
    case 'TaskCancelled':
      return event.data.wishIds.map((wishId) => ({ wishId, command: { type: 'ReturnToDemand', taskId: event.data.taskId, reason: event.data.reason } }));
    case 'InvitationSent':
    case 'InvitationAccepted':
    case 'InvitationDeclined':
    case 'InvitationExpired':
    case 'TaskAssigned':
    case 'TaskReopened':
      return [];
    default:
      // A task event type added to the contract later: nothing to do until wishes learns it.
      return [];
  }
}
