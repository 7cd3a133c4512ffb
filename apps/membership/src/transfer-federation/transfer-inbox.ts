import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { NodeRef, TransferAnswered, TransferDirective, TransferOffered, TransferSettled } from '@ws/contracts';
import { derivedId } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { CommandRunner, PLATFORM_CONFIG, Reaction, type EventReaction, type PlatformConfig } from '@ws/platform';
import { incomingTransferAggregate, membershipAggregate, pointsAggregate } from '../aggregates';
import type { MembershipDatabase } from '../db/database';
import { registerMemberships, updateMembership } from '../memberships/membership-registry';
import { PersonalDataVault } from '../personal-data/personal-data.vault';
import { registeredUnions } from '../union/union-registry';
import { HandoverService } from './handover.service';

const DIRECTIVE_TYPES = ['TransferOffered', 'TransferAnswered', 'TransferSettled', 'TransferHandedOver'];

type Meta = { actor: string; causationId: string; correlationId: string };

/**
 * The node's end of cross-node transfers: reads the directives its ancestors send down the DIR
 * stream (unfiltered: on nats 2.9 sourced subjects lie outside the stream's own) and acts on
 * those addressed to it, in the transaction that advances its checkpoint. Every step is
 * idempotent, so a directive delivered again changes nothing. A directive the domain refuses
 * (the source withdrew meanwhile) is recorded as refused (the reaction policy).
 */
@Reaction()
@Injectable()
export class TransferInbox implements EventReaction<MembershipDatabase> {
  readonly name = 'membership.transfer-inbox';
  readonly stream = 'dir';
  readonly events = DIRECTIVE_TYPES;
  private readonly node: NodeRef;

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    private readonly commands: CommandRunner,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    /** Told after a batch that made personal data ready to fetch (the handover loop). */
    private readonly handover: HandoverService,
  ) {
    this.node = config.node;
  }

  /** Set by a directive that made personal data ready to fetch; the handover loop is told once its batch committed. */
  private handoverReady = false;

  async react(trx: Transaction<MembershipDatabase>, { envelope }: ConsumedEvent): Promise<void> {
    const directive = { type: envelope.type, data: envelope.data } as TransferDirective;
    await this.handle(trx, directive, { actor: 'system', causationId: envelope.eventId, correlationId: envelope.metadata.correlationId });
  }

  afterCommit(): void {
    if (!this.handoverReady) return;
    this.handoverReady = false;
    this.handover.wake();
  }

  private async handle(trx: Transaction<MembershipDatabase>, directive: TransferDirective, meta: Meta): Promise<void> {
    const here = this.node.code;
    switch (directive.type) {
      case 'TransferOffered':
        if (directive.data.toNode === here) await this.offered(trx, directive.data, meta);
        return;
      case 'TransferAnswered':
        if (directive.data.fromNode === here) await this.answered(trx, directive.data, meta);
        return;
      case 'TransferSettled':
        if (directive.data.toNode === here) await this.settled(trx, directive.data, meta);
        return;
      case 'TransferHandedOver':
        if (directive.data.fromNode !== here) return;
        await this.vault.release(trx, directive.data.personId);
        await trx.deleteFrom('handover_offers').where('transfer_id', '=', directive.data.transferId).execute();
        return;
    }
  }

  /** Target: an offer to one of this node's unions (one it does not have is declined at once). */
  private async offered(trx: Transaction<MembershipDatabase>, data: TransferOffered['data'], meta: Meta): Promise<void> {
    const { member, ...ends } = data;
    const loaded = await this.commands.load(incomingTransferAggregate, ends.transferId, trx);
    const received = this.commands.decide(incomingTransferAggregate, { type: 'ReceiveOffer', ends, member }, loaded.state);
    const union = (await registeredUnions(trx, [ends.toUnionId])).get(ends.toUnionId);
    const refused =
      received.length > 0 && union?.status !== 'active'
        ? [{ type: 'IncomingTransferDeclined' as const, data: { ...ends, membershipId: member.membershipId, reason: '转入工会不存在或已撤销' } }]
        : [];
    await this.commands.append(incomingTransferAggregate, ends.transferId, loaded.version, [...received, ...refused], meta, trx);
  }

  /**
   * Source: the target's answer. Accepted → TransferCompleted, the one moment of the move, with
   * the whole points balance leaving in the same transaction; declined → TransferDeclined.
   * Everything is decided before anything is written, so a refusal leaves no half-done move.
   */
  private async answered(trx: Transaction<MembershipDatabase>, data: TransferAnswered['data'], meta: Meta): Promise<void> {
    const { transferId, membershipId, accepted, reason } = data;
    const loaded = await this.commands.load(membershipAggregate, membershipId, trx);
    const account = await this.commands.load(pointsAggregate, membershipId, trx);
    const events = this.commands.decide(
      membershipAggregate,
      accepted ? { type: 'CompleteTransfer', transferId, pointsCarried: account.state.balance } : { type: 'DeclineTransfer', transferId, reason: reason ?? '转入工会拒绝' },
      loaded.state,
    );
    if (events.length === 0) return;
    const carriedOut = accepted
      ? this.commands.decide(pointsAggregate, { type: 'CarryPointsOut', membershipId, entryId: derivedId(transferId, 'points-out') }, account.state)
      : [];
    await this.commands.append(membershipAggregate, membershipId, loaded.version, events, meta, trx);
    await this.commands.append(pointsAggregate, membershipId, account.version, carriedOut, meta, trx);
    await updateMembership(trx, membershipId, accepted ? { status: 'transferred_out', pending_transfer_id: null } : { pending_transfer_id: null }, this.commands.now());
    if (accepted && data.handoverKey) {
      // The target will ask for the member's personal data, sealed to this key.
      await trx
        .insertInto('handover_offers')
        .values({ transfer_id: transferId, person_id: loaded.state.personId, to_node: data.toNode, public_key: data.handoverKey })
        .onConflict((oc) => oc.column('transfer_id').doNothing())
        .execute();
    }
  }

  /** Target: the source let go (the member becomes active here, with the points they brought) or withdrew. */
  private async settled(trx: Transaction<MembershipDatabase>, data: TransferSettled['data'], meta: Meta): Promise<void> {
    const { transferId, member, toUnionId, completed, pointsCarried } = data;
    const loaded = await this.commands.load(incomingTransferAggregate, transferId, trx);
    if (!completed) {
      await this.commands.append(incomingTransferAggregate, transferId, loaded.version, this.commands.decide(incomingTransferAggregate, { type: 'CancelIncoming' }, loaded.state), meta, trx);
      return;
    }
    const done = this.commands.decide(incomingTransferAggregate, { type: 'CompleteIncoming' }, loaded.state);
    if (done.length === 0) return;
    const membership = await this.commands.load(membershipAggregate, member.membershipId, trx);
    const activated = this.commands.decide(
      membershipAggregate,
      { type: 'ActivateMembership', ...member, unionId: toUnionId, applicationId: null, transferId },
      membership.state,
    );
    const account = await this.commands.load(pointsAggregate, member.membershipId, trx);
    // Schema 1 of TransferSettled carried no points.
    const points = pointsCarried ?? 0;
    const carriedIn =
      points > 0
        ? this.commands.decide(pointsAggregate, { type: 'CarryPointsIn', membershipId: member.membershipId, entryId: derivedId(transferId, 'points-in'), points, transferId }, account.state)
        : [];
    await this.commands.append(membershipAggregate, member.membershipId, membership.version, activated, meta, trx);
    await registerMemberships(trx, [{ membershipId: member.membershipId, personId: member.personId, unionId: toUnionId, cardNumber: member.cardNumber }], this.commands.now());
    await this.commands.append(pointsAggregate, member.membershipId, account.version, carriedIn, meta, trx);
    await this.commands.append(incomingTransferAggregate, transferId, loaded.version, done, meta, trx);
    await trx.updateTable('handover_keys').set({ ready: true }).where('transfer_id', '=', transferId).execute();
    this.handoverReady = true;
  }
}
