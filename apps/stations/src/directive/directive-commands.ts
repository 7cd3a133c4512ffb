import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import {
  stationsDirectiveSubject,
  type DirectiveEvent,
  type DirectiveIssued,
  type EventEnvelope,
} from '@ws/contracts';
import { eventHeaders, type EventStoreTables } from '@ws/eventstore';
import { derivedId, type Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import type { DirectiveCommand } from './directive.decider';
import { directiveAggregate } from '../aggregates';

export interface DirectiveOutcome {
  directiveId: string;
  version: number;
  events: string[];
  /** The title a new directive got (written from its goal unless the issuer gave one). */
  title?: string;
}

/** More writes in the append's transaction, after the directive's events went down the DIR. */
export type AfterSendingDown = (trx: Transaction<EventStoreTables>, written: EventEnvelope[]) => Promise<void>;

/**
 * The issuer's side of a directive: every use case runs its command through here. One
 * transaction holds the directive's events (they go up the EVT as any event) and the same
 * envelopes as outbox rows on `dir.` subjects (down the DIR to the subtree; the relay publishes
 * whatever subject a row carries). Nothing is half-issued.
 */
@Injectable()
export class DirectiveCommands {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async run(command: DirectiveCommand, principal: Principal, afterSendingDown?: AfterSendingDown): Promise<DirectiveOutcome> {
    const result = await this.runner.run(
      directiveAggregate,
      command.directiveId,
      command,
      {
        meta: { actor: principal.subject },
        afterAppend: async (trx, written) => {
          await this.sendDown(trx, written);
          await afterSendingDown?.(trx, written);
        },
      },
    );
    const issued = issuedIn(result.events);
    return {
      directiveId: command.directiveId,
      version: result.version,
      events: result.events.map((e) => e.type),
      ...(issued ? { title: issued.data.title } : {}),
    };
  }

  /** The same envelopes on the DIR, under ids of their own (the outbox and each stream deduplicate by id). */
  private async sendDown(trx: Transaction<EventStoreTables>, written: EventEnvelope[]): Promise<void> {
    const rows = written.map((event) => {
      const envelope: EventEnvelope = { ...event, eventId: derivedId(event.eventId, 'dir') };
      return {
        event_id: envelope.eventId,
        subject: stationsDirectiveSubject(this.config.node, event.type as DirectiveEvent['type'], (event.data as { directiveId: string }).directiveId),
        headers: JSON.stringify(eventHeaders(envelope)),
        payload: JSON.stringify(envelope),
        stream_id: envelope.streamId,
      };
    });
    await trx.insertInto('outbox').values(rows).execute();
  }
}

export type IssuedEnvelope = EventEnvelope<'DirectiveIssued', DirectiveIssued['data']>;

export function issuedIn(events: EventEnvelope[]): IssuedEnvelope | undefined {
  return events.find((e): e is IssuedEnvelope => e.type === 'DirectiveIssued');
}
