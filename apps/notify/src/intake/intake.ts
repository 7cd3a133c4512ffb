import type { Transaction } from 'kysely';
import type { EventEnvelope, NodeRef } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import type { EventReaction } from '@ws/platform';
import type { NotifyDatabase } from '../db/database';
import type { MessageComposer, MessageRequest } from '../message/composer';
import type { NotifyConfig } from '../notify.config';
import type { ReminderRequest, Reminders } from '../scheduler/reminders';

/** What a handler of another context's event may do, inside the transaction that moves the intake's checkpoint. */
export interface IntakeContext {
  trx: Transaction<NotifyDatabase>;
  node: NodeRef;
  config: NotifyConfig;
  now: Date;
  /** Compose a message caused by this event (idempotent by event × kind × recipient). */
  tell(request: Omit<MessageRequest, 'cause' | 'causeIsEvent'>): Promise<void>;
  /** Schedule a reminder caused by this event (idempotent by event × kind). */
  remind(request: Omit<ReminderRequest, 'cause'>): Promise<void>;
}

export type IntakeHandler = (ctx: IntakeContext, envelope: EventEnvelope<string, any>) => Promise<void>;

export interface IntakeDependencies {
  composer: MessageComposer;
  /** Called after a batch committed: what it queued may be sent now, not at the next poll. */
  wake(): void;
  reminders: Reminders;
  config: NotifyConfig;
  node: NodeRef;
  now: () => Date;
}

/**
 * A reaction of notify to one slice of the node's stream (one context's events): each event keeps
 * notify's knowledge of those aggregates (wish numbers, task titles, station names …) and
 * composes the messages it calls for — delivery rows, sent by the channels once the batch has
 * committed — in the transaction that advances the checkpoint, so each event is acted on exactly
 * once. A handler's DomainError is recorded as a refusal (the reaction policy).
 */
export abstract class IntakeReaction implements EventReaction<NotifyDatabase> {
  readonly events: readonly string[];

  /** `filter`: the slice of the node's stream it reads; `handlers`: by event type, the others are passed over. */
  constructor(
    private readonly deps: IntakeDependencies,
    readonly name: string,
    readonly filter: string,
    private readonly handlers: Readonly<Record<string, IntakeHandler>>,
  ) {
    this.events = Object.keys(handlers);
  }

  afterCommit(): void {
    this.deps.wake();
  }

  async react(trx: Transaction<NotifyDatabase>, { envelope }: ConsumedEvent): Promise<void> {
    const ctx: IntakeContext = {
      trx,
      node: this.deps.node,
      config: this.deps.config,
      now: this.deps.now(),
      tell: async (request) => {
        await this.deps.composer.compose(trx, { ...request, cause: envelope.eventId, causeIsEvent: true });
      },
      remind: (request) => this.deps.reminders.schedule(trx, { ...request, cause: envelope.eventId }),
    };
    await this.handlers[envelope.type]!(ctx, envelope);
  }
}
