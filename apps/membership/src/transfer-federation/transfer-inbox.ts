import { Logger } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { MEMBERSHIP_AGGREGATES, NodeRef, TRANSFER_AGGREGATE, TransferDirective } from '@ws/contracts';
import { DomainError } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import type { Projection } from '@ws/projections';
import type { MembershipDatabase } from '../db/database';
import { membershipDecider } from '../memberships/membership.decider';
import { registerMemberships, updateMembership } from '../memberships/membership-registry';
import { PersonalDataVault } from '../personal-data/personal-data.vault';
import { Aggregates, target } from '../shared/aggregates';
import { registeredUnions } from '../union/union-registry';
import { incomingTransferDecider } from './incoming-transfer.decider';

const DIRECTIVE_TYPES = new Set(['TransferOffered', 'TransferAnswered', 'TransferSettled', 'TransferHandedOver']);

/**
 * The node's end of cross-node transfers: reads the directives its ancestors send down the DIR
 * stream (unfiltered: on nats 2.9 sourced subjects lie outside the stream's own) and acts on
 * those addressed to it, in the transaction that advances its checkpoint. Every step is
 * idempotent, so a directive delivered again changes nothing. A directive the domain refuses
 * (the source withdrew meanwhile) is logged and skipped; anything else retries the batch.
 */
export class TransferInbox implements Projection<MembershipDatabase> {
  readonly name = 'membership.transfer-inbox';
  readonly tables = [];
  private readonly log = new Logger('TransferInbox');

  constructor(
    private readonly node: NodeRef,
    private readonly aggregates: Aggregates,
    private readonly vault: PersonalDataVault,
    /** Called after a batch that made personal data ready to fetch (the handover loop). */
    private readonly onHandoverReady: () => void,
  ) {}

  private handoverReady = false;

  async apply(trx: Transaction<MembershipDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    this.handoverReady = false;
    for (const { envelope } of events) {
      if (!DIRECTIVE_TYPES.has(envelope.type)) continue;
      const directive = { type: envelope.type, data: envelope.data } as TransferDirective;
      const meta = { actor: 'system', causationId: envelope.eventId, correlationId: envelope.metadata.correlationId };
      try {
        await this.handle(trx, directive, meta);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'version_conflict') throw error;
        this.log.warn(`${directive.type} ${directive.data.transferId}: ${error.code}`);
      }
    }
  }

  afterCommit(): void {
    if (this.handoverReady) this.onHandoverReady();
  }

  private async handle(trx: Transaction<MembershipDatabase>, directive: TransferDirective, meta: { actor: string; causationId: string; correlationId: string }) {
    const here = this.node.code;
    const { transferId } = directive.data;
    const incoming = target(TRANSFER_AGGREGATE, transferId);
    switch (directive.type) {
      case 'TransferOffered': {
        if (directive.data.toNode !== here) return;
        const { member, ...ends } = directive.data;
        const loaded = await this.aggregates.load(incomingTransferDecider, incoming);
        const received = this.aggregates.decide(incomingTransferDecider, { type: 'ReceiveOffer', ends, member }, loaded.state);
        const union = (await registeredUnions(trx, [ends.toUnionId])).get(ends.toUnionId);
        // An offer to a union this node does not have is answered at once.
        const refused =
          received.length > 0 && union?.status !== 'active'
            ? [{ type: 'IncomingTransferDeclined' as const, data: { ...ends, membershipId: member.membershipId, reason: '转入工会不存在或已撤销' } }]
            : [];
        await this.aggregates.append(trx, incoming, loaded.version, [...received, ...refused], meta);
        return;
      }
      case 'TransferAnswered': {
        if (directive.data.fromNode !== here) return;
        const { membershipId, accepted, reason } = directive.data;
        const stream = target(MEMBERSHIP_AGGREGATES.membership, membershipId);
        const loaded = await this.aggregates.load(membershipDecider, stream);
        const events = this.aggregates.decide(
          membershipDecider,
          accepted ? { type: 'CompleteTransfer', transferId } : { type: 'DeclineTransfer', transferId, reason: reason ?? '转入工会拒绝' },
          loaded.state,
        );
        if (events.length === 0) return;
        await this.aggregates.append(trx, stream, loaded.version, events, meta);
        await updateMembership(trx, membershipId, accepted ? { status: 'transferred_out', pending_transfer_id: null } : { pending_transfer_id: null }, this.aggregates.now());
        if (accepted && directive.data.handoverKey) {
          // The target will ask for the member's personal data, sealed to this key.
          await trx
            .insertInto('handover_offers')
            .values({ transfer_id: transferId, person_id: loaded.state.personId, to_node: directive.data.toNode, public_key: directive.data.handoverKey })
            .onConflict((oc) => oc.column('transfer_id').doNothing())
            .execute();
        }
        return;
      }
      case 'TransferSettled': {
        if (directive.data.toNode !== here) return;
        const loaded = await this.aggregates.load(incomingTransferDecider, incoming);
        if (!directive.data.completed) {
          await this.aggregates.append(trx, incoming, loaded.version, this.aggregates.decide(incomingTransferDecider, { type: 'CancelIncoming' }, loaded.state), meta);
          return;
        }
        const completed = this.aggregates.decide(incomingTransferDecider, { type: 'CompleteIncoming' }, loaded.state);
        if (completed.length === 0) return;
        const { member, toUnionId } = directive.data;
        const stream = target(MEMBERSHIP_AGGREGATES.membership, member.membershipId);
        const membership = await this.aggregates.load(membershipDecider, stream);
        const activated = this.aggregates.decide(
          membershipDecider,
          { type: 'ActivateMembership', ...member, unionId: toUnionId, applicationId: null, transferId },
          membership.state,
        );
        await this.aggregates.append(trx, stream, membership.version, activated, meta);
        await registerMemberships(trx, [{ membershipId: member.membershipId, personId: member.personId, unionId: toUnionId, cardNumber: member.cardNumber }], this.aggregates.now());
        await this.aggregates.append(trx, incoming, loaded.version, completed, meta);
        await trx.updateTable('handover_keys').set({ ready: true }).where('transfer_id', '=', transferId).execute();
        this.handoverReady = true;
        return;
      }
      case 'TransferHandedOver': {
        if (directive.data.fromNode !== here) return;
        await this.vault.release(trx, directive.data.personId);
        await trx.deleteFrom('handover_offers').where('transfer_id', '=', transferId).execute();
        return;
      }
    }
  }
}
