import { Logger } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { EventEnvelope, NodeRef } from '@ws/contracts';
import { DomainError } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import type { Projection } from '@ws/projections';
import type { NotifyDatabase } from '../db/database';
import type { MessageComposer, MessageRequest } from '../message/composer';
import type { NotifyConfig } from '../notify.config';
import type { ReminderRequest, Reminders } from '../scheduler/reminders';

/** What a handler of another context's event may do, inside the batch's transaction. */
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
 * A checkpointed reaction of notify to one slice of the node's stream (one context's events):
 * each batch keeps notify's knowledge of those aggregates (wish numbers, task titles, station
 * names …) and composes the messages the events call for, in the transaction that advances the
 * checkpoint, so each event is acted on exactly once. It acts, so it is never rebuilt.
 */
export abstract class IntakeProjection implements Projection<NotifyDatabase> {
  readonly rebuildable = false;
  readonly tables = [];
  private readonly log = new Logger('NotifyIntake');

  /** `filter`: the slice of the node's stream it reads; `handlers`: by event type, the others are passed over. */
  constructor(
    private readonly deps: IntakeDependencies,
    readonly name: string,
    readonly filter: string,
    private readonly handlers: Readonly<Record<string, IntakeHandler>>,
  ) {}

  afterCommit(): void {
    this.deps.wake();
  }

  async apply(trx: Transaction<NotifyDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { envelope } of events) {
      const handler = this.handlers[envelope.type];
      if (!handler) continue;
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
      try {
        await handler(ctx, envelope);
      } catch (error) {
        // A refusal of the domain is the same on every retry: logged, and the event is done.
        if (!(error instanceof DomainError) || error.code === 'version_conflict') throw error;
        this.log.warn(`${envelope.type} ${envelope.eventId}: ${error.code} ${error.message}`);
      }
    }
  }
}
