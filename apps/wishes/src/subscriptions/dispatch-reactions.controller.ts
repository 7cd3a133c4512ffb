import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, TaskEvent } from '@ws/contracts';
import type { AppendMeta } from '@ws/eventstore';
import { derivedId, DomainError } from '@ws/kernel';
import { ReactionLog } from './reaction-log';
import { WishCommands } from '../wish/wish-commands';
import type { WishCommand } from '../wish/wish.decider';

/**
 * Reactions to dispatch's task events, one durable consumer for all of them so they are handled
 * in stream order (a task is created before it starts, starts before it completes). Each wish's
 * reaction has an id derived from the causing event: recorded with its events, so a
 * redelivery finds it and does nothing. A refusal of the domain is logged and acknowledged.
 */
@Controller()
export class DispatchReactions {
  private readonly logger = new Logger('DispatchReactions');

  constructor(
    private readonly wishes: WishCommands,
    private readonly reactions: ReactionLog,
  ) {}

  @EventPattern('dispatch.task.*')
  async onTaskEvent(@Payload() envelope: EventEnvelope): Promise<void> {
    const event = { type: envelope.type, data: envelope.data } as TaskEvent;
    const commands = commandsFor(event);
    for (const { wishId, command } of commands) await this.react(envelope, wishId, command);
  }

  private async react(envelope: EventEnvelope, wishId: string, command: WishCommand): Promise<void> {
    const reactionId = derivedId(envelope.eventId, `wish:${wishId}`);
    if (await this.reactions.handled(reactionId)) return;
    const meta: AppendMeta = { causationId: envelope.eventId, correlationId: envelope.metadata.correlationId, actor: 'system:dispatch-reactions' };
    try {
      const result = await this.wishes.execute(wishId, command, { retryOnConflict: true, meta, alongside: (trx) => this.reactions.record(trx, reactionId) });
      if (result.events.length === 0) await this.reactions.record(null, reactionId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'version_conflict') throw error;
      this.logger.warn(`${envelope.type} ${envelope.eventId} → wish ${wishId} refused: ${error.code} ${error.message}`);
      await this.reactions.record(null, reactionId);
    }
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
