import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import {
  stationsDirectiveSubject,
  type DirectiveEvent,
  type DirectiveIssued,
  type EventEnvelope,
} from '@ws/contracts';
import { eventHeaders, type AppendMeta, type EventStoreTables } from '@ws/eventstore';
import { derivedId, type Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import type { DirectiveCommand } from './directive.decider';
import { directiveAggregate, nodeStandardAggregate } from '../aggregates';

export interface DirectiveOutcome {
  directiveId: string;
  version: number;
  events: string[];
  /** The title a new directive got (written from its goal unless the issuer gave one). */
  title?: string;
}

/**
 * The issuer's side of a directive. One transaction holds the directive's events (they go up
 * the EVT as any event), the same envelopes as outbox rows on `dir.` subjects (down the DIR to
 * the subtree; the relay publishes whatever subject a row carries) and, for a standard adopted
 * by the whole subtree, the issuer's own StandardAdopted. Nothing is half-issued.
 */
@Injectable()
export class DirectiveCommandHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async execute(command: DirectiveCommand, principal: Principal): Promise<DirectiveOutcome> {
    const meta = { actor: principal.subject };
    const result = await this.commands.run(
      directiveAggregate,
      command.directiveId,
      command,
      {
        meta,
        afterAppend: async (trx, written) => {
          await this.sendDown(trx, written);
          const issued = issuedIn(written);
          if (issued) await this.adoptAtIssuer(trx, issued, { ...meta, causationId: issued.eventId, correlationId: issued.metadata.correlationId });
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

  /**
   * A standard directed to the whole subtree is in force at the issuer too, so the issuer's own
   * compliance figures (and those of any node that looks up its nearest ancestor) use it. A
   * directive to named children leaves the issuer's standard alone: its other children keep theirs.
   */
  private async adoptAtIssuer(trx: Transaction<EventStoreTables>, issued: IssuedEnvelope, meta: AppendMeta): Promise<void> {
    if (issued.data.goal.kind !== 'adopt_standard' || issued.data.children !== null) return;
    const nodeCode = this.config.node.code;
    await this.commands.run(
      nodeStandardAggregate,
      nodeCode,
      { type: 'AdoptStandard', nodeCode, standard: issued.data.goal.standard },
      { meta, trx },
    );
  }
}

type IssuedEnvelope = EventEnvelope<'DirectiveIssued', DirectiveIssued['data']>;

function issuedIn(events: EventEnvelope[]): IssuedEnvelope | undefined {
  return events.find((e): e is IssuedEnvelope => e.type === 'DirectiveIssued');
}
