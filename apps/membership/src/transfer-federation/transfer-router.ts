import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import {
  IncomingTransferEvent,
  MEMBERSHIP_CONTEXT,
  MembershipEvent,
  nodeCodeOfSubject,
  NodeRef,
  subtreeContextFilter,
  TransferRouted,
} from '@ws/contracts';
import { EventStore } from '@ws/eventstore';
import { CLOCK, derivedId, type Clock } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, Reaction, type EventReaction, type Forged, type PlatformConfig } from '@ws/platform';
import { incomingTransferAggregate } from '../aggregates';
import type { MembershipDatabase } from '../db/database';
import { issueDirective } from './directives';
import { endsOf, forgedTransferFact, routeTransferFact, RoutedTransfer } from './transfer-routing';

/**
 * Runs at every node and acts where the node is the lowest common ancestor of a cross-node
 * transfer's two ends: it reads the membership facts of its subtree from its EVT stream and
 * sends the matching directive down its DIR stream, with an audit event of its own, in the
 * transaction that advances its checkpoint (each fact routed exactly once; the audit event's id
 * derives from the fact's). A reaction: never rebuilt, since a replay would send its directives
 * again. A fact from a node that is not the end it speaks for is answered as forged (parked, not
 * routed).
 */
@Reaction()
@Injectable()
export class TransferRouter implements EventReaction<MembershipDatabase> {
  readonly name = 'membership.transfer-router';
  readonly filter: string;
  private readonly node: NodeRef;

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.node = config.node;
    this.filter = subtreeContextFilter(config.node, MEMBERSHIP_CONTEXT);
  }

  private now(): Date {
    return this.clock.now();
  }

  /** Every membership fact of the subtree: the ones about a transfer carry its id. */
  async react(trx: Transaction<MembershipDatabase>, { subject, envelope }: ConsumedEvent): Promise<void | Forged> {
    const event = { type: envelope.type, data: envelope.data } as MembershipEvent | IncomingTransferEvent;
    const transferId = (event.data as { transferId?: string }).transferId;
    if (!transferId) return;
    const remembered = await this.remembered(trx, transferId);
    const forgery = forgedTransferFact(this.node.code, event, remembered, nodeCodeOfSubject(subject));
    if (forgery) return { forged: forgery };
    const directive = routeTransferFact(this.node.code, event, remembered);
    if (!directive) return;
    if (directive.type === 'TransferOffered') {
      const { member, ...ends } = directive.data;
      await trx
        .insertInto('routed_transfers')
        .values({
          transfer_id: ends.transferId,
          from_node: ends.fromNode,
          to_node: ends.toNode,
          from_union_id: ends.fromUnionId,
          to_union_id: ends.toUnionId,
          member: JSON.stringify(member),
        })
        .onConflict((oc) => oc.column('transfer_id').doNothing())
        .execute();
    }
    if (directive.type === 'TransferSettled') {
      await trx.updateTable('routed_transfers').set({ settled: true }).where('transfer_id', '=', transferId).execute();
    }
    await issueDirective(trx, this.node, directive, envelope, this.now());
    const routed: TransferRouted = { type: 'TransferRouted', data: { transferId, directive: directive.type, toNode: endsOf(event)?.toNode ?? remembered!.ends.toNode } };
    await this.store.appendUnversioned(
      [{ target: incomingTransferAggregate.target(transferId), event: routed, eventId: derivedId(envelope.eventId, 'routed'), meta: { actor: 'system', causationId: envelope.eventId, correlationId: envelope.metadata.correlationId } }],
      trx,
    );
  }

  private async remembered(trx: Transaction<MembershipDatabase>, transferId: string): Promise<RoutedTransfer | undefined> {
    const row = await trx.selectFrom('routed_transfers').selectAll().where('transfer_id', '=', transferId).executeTakeFirst();
    if (!row) return undefined;
    return {
      ends: { transferId, fromNode: row.from_node, toNode: row.to_node, fromUnionId: row.from_union_id, toUnionId: row.to_union_id },
      member: row.member,
    };
  }
}
