import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Transaction } from 'kysely';
import {
  DIRECTIVE_AGGREGATES,
  DIRECTIVE_EVENT_SCHEMAS,
  isAddressedTo,
  isDirectiveEventType,
  STATION_EVENT_SCHEMAS,
  STATIONS_AGGREGATES,
  STATIONS_CONTEXT,
  type DirectiveEvent,
  type DirectiveIssued,
  type DomainEvent,
  type EventEnvelope,
  type NodeRef,
} from '@ws/contracts';
import { EventStore, type AppendMeta } from '@ws/eventstore';
import { assertNever, CLOCK, DomainError, type Clock, type Decider } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel, type PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import { nodeStandardDecider } from '../../catalogue/adopt-standard/adopt-standard.command';
import type { StationsDatabase } from '../../db/database';
import { issuedColumns } from '../../read-models/directives/directive-rows';
import { directiveReceiptDecider } from '../directive-receipt.decider';
import { loadStream } from '../stream-state';

/** The context token of a dir.<province>.<city>.<district>.<context>.<type>.<id> subject. */
const CONTEXT_TOKEN = 4;

/**
 * The node's end of its ancestors' directives: reads the DIR stream (unfiltered: on nats 2.9 the
 * subjects sourced from the parent lie outside the stream's own) and keeps those addressed to
 * this node, in the transaction that advances its checkpoint. A directive received here becomes
 * a row of `received_directives` and a DirectiveReceived of the node's own (up the EVT, so the
 * issuer sees who got it); a standard it directs is adopted by the node at once (StandardAdopted,
 * so this node's compliance and everyone above it measure against it). A directive delivered
 * again finds its row and changes nothing. One the domain refuses is logged and skipped.
 */
@ReadModel()
@Injectable()
export class DirectiveInbox implements Projection<StationsDatabase> {
  readonly name = 'stations.directive-inbox';
  readonly stream = 'dir';
  // It appends events (receipts, adoptions) as it goes: a replay would append them again.
  readonly rebuildable = false;
  readonly tables = ['received_directives'];
  private readonly log = new Logger('DirectiveInbox');
  private readonly node: NodeRef;

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.node = config.node;
  }

  private now(): Date {
    return this.clock.now();
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      if (subject.split('.')[CONTEXT_TOKEN] !== STATIONS_CONTEXT || !isDirectiveEventType(envelope.type)) continue;
      try {
        await this.handle(trx, { type: envelope.type, data: envelope.data } as DirectiveEvent, envelope);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'version_conflict') throw error;
        this.log.warn(`${envelope.type} ${(envelope.data as { directiveId?: string }).directiveId}: ${error.code}`);
      }
    }
  }

  private async handle(trx: Transaction<StationsDatabase>, event: DirectiveEvent, envelope: EventEnvelope): Promise<void> {
    const updatedAt = this.now();
    switch (event.type) {
      case 'DirectiveIssued':
        return this.receive(trx, event, envelope);
      case 'DirectiveWithdrawn':
        await trx
          .updateTable('received_directives')
          .set({ status: 'withdrawn', withdrawn_reason: event.data.reason, updated_at: updatedAt })
          .where('directive_id', '=', event.data.directiveId)
          .execute();
        return;
      case 'DirectiveDeadlineAmended':
        await trx
          .updateTable('received_directives')
          .set({ deadline: event.data.deadline, updated_at: updatedAt })
          .where('directive_id', '=', event.data.directiveId)
          .execute();
        return;
      default:
        return assertNever(event, 'directive event');
    }
  }

  private async receive(trx: Transaction<StationsDatabase>, event: DirectiveIssued, envelope: EventEnvelope): Promise<void> {
    const here = this.node.code;
    const { directiveId, issuerNode, goal } = event.data;
    if (!isAddressedTo(event.data, here)) return;
    const receivedAt = this.now();
    const inserted = await trx
      .insertInto('received_directives')
      .values({ ...issuedColumns(event.data, new Date(envelope.occurredAt)), received_at: receivedAt, updated_at: receivedAt })
      .onConflict((oc) => oc.column('directive_id').doNothing())
      .returning('directive_id')
      .executeTakeFirst();
    if (!inserted) return;
    const meta: AppendMeta = { actor: 'system', causationId: envelope.eventId, correlationId: envelope.metadata.correlationId };
    await this.decideAndAppend(
      trx,
      directiveReceiptDecider,
      DIRECTIVE_AGGREGATES.receipt,
      directiveId,
      { type: 'ReceiveDirective', directiveId, issuerNode, nodeCode: here },
      DIRECTIVE_EVENT_SCHEMAS,
      meta,
    );
    if (goal.kind === 'adopt_standard') {
      await this.decideAndAppend(
        trx,
        nodeStandardDecider,
        STATIONS_AGGREGATES.nodeStandard,
        here,
        { type: 'AdoptStandard', nodeCode: here, standard: goal.standard },
        STATION_EVENT_SCHEMAS,
        meta,
      );
    }
  }

  private async decideAndAppend<C, E extends DomainEvent, S>(
    trx: Transaction<StationsDatabase>,
    decider: Decider<C, E, S>,
    aggregate: string,
    aggregateId: string,
    command: C,
    schemas: Record<string, number>,
    meta: AppendMeta,
  ): Promise<void> {
    const { state, version } = await loadStream(trx, decider, `${aggregate}-${aggregateId}`);
    const decided = decider.decide(command, state, { now: this.now() });
    if (decided instanceof DomainError) throw decided;
    if (decided.length === 0) return;
    const stamped = decided.map((e) => ({ ...e, schema: schemas[e.type] ?? 1 }));
    await this.store.appendToStream({ context: STATIONS_CONTEXT, aggregate, aggregateId }, version, stamped, meta, trx);
  }
}
