import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import {
  DIRECTIVE_AGGREGATES,
  DIRECTIVE_EVENT_SCHEMAS,
  STATION_EVENT_SCHEMAS,
  STATIONS_AGGREGATES,
  STATIONS_CONTEXT,
  stationsDirectiveSubject,
  type DirectiveEvent,
  type DirectiveIssued,
  type EventEnvelope,
  type StandardAdopted,
} from '@ws/contracts';
import { eventHeaders, EventStore, type AppendMeta, type EventStoreTables, type StreamTarget } from '@ws/eventstore';
import { CLOCK, derivedId, DomainError, fold, type Clock, type Principal } from '@ws/kernel';
import { PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { nodeStandardDecider } from '../catalogue/adopt-standard/adopt-standard.command';
import { directiveDecider, type DirectiveCommand } from './directive.decider';

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
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async execute(command: DirectiveCommand, principal: Principal): Promise<DirectiveOutcome> {
    const target: StreamTarget = { context: STATIONS_CONTEXT, aggregate: DIRECTIVE_AGGREGATES.directive, aggregateId: command.directiveId };
    const { events: stored, version } = await this.store.readStream(`${target.aggregate}-${target.aggregateId}`);
    const decided = directiveDecider.decide(command, fold(directiveDecider, stored as unknown as DirectiveEvent[]), { now: this.clock.now() });
    if (decided instanceof DomainError) throw decided;
    const issued = decided.find((e): e is DirectiveIssued => e.type === 'DirectiveIssued');
    const outcome: DirectiveOutcome = {
      directiveId: command.directiveId,
      version: version + decided.length,
      events: decided.map((e) => e.type),
      ...(issued ? { title: issued.data.title } : {}),
    };
    if (decided.length === 0) return outcome;
    const meta: AppendMeta = { actor: principal.subject };
    const adoption = issued ? await this.issuerAdoption(issued) : undefined;
    await this.store.transaction(async (trx) => {
      const written = await this.store.appendToStream(target, version, decided.map((e) => ({ ...e, schema: DIRECTIVE_EVENT_SCHEMAS[e.type] })), meta, trx);
      await this.sendDown(trx, written);
      if (adoption) {
        const causation = { ...meta, causationId: written[0]!.eventId, correlationId: written[0]!.metadata.correlationId };
        await this.store.appendToStream(adoption.target, adoption.version, adoption.events, causation, trx);
      }
    });
    return outcome;
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
      };
    });
    await trx.insertInto('outbox').values(rows).execute();
  }

  /**
   * A standard directed to the whole subtree is in force at the issuer too, so the issuer's own
   * compliance figures (and those of any node that looks up its nearest ancestor) use it. A
   * directive to named children leaves the issuer's standard alone: its other children keep theirs.
   */
  private async issuerAdoption(issued: DirectiveIssued) {
    if (issued.data.goal.kind !== 'adopt_standard' || issued.data.children !== null) return undefined;
    const nodeCode = this.config.node.code;
    const target: StreamTarget = { context: STATIONS_CONTEXT, aggregate: STATIONS_AGGREGATES.nodeStandard, aggregateId: nodeCode };
    const { events, version } = await this.store.readStream(`${target.aggregate}-${target.aggregateId}`);
    const adopted = nodeStandardDecider.decide(
      { type: 'AdoptStandard', nodeCode, standard: issued.data.goal.standard },
      fold(nodeStandardDecider, events as unknown as StandardAdopted[]),
      { now: this.clock.now() },
    );
    if (adopted instanceof DomainError) throw adopted;
    return adopted.length === 0 ? undefined : { target, version, events: adopted.map((e) => ({ ...e, schema: STATION_EVENT_SCHEMAS[e.type] })) };
  }
}
