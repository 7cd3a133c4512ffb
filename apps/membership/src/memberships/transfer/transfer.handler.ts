import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { newId, type Principal, authorize, mayAct } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { incomingTransferAggregate, membershipAggregate } from '../../aggregates';
import type { MembershipDatabase } from '../../db/database';
import { actorOf, administering } from '../../shared/scope';
import { registeredUnions } from '../../union/union-registry';
import { administeredMembership } from '../member-scope';
import { PersonalDataVault } from '../../personal-data/personal-data.vault';
import { handoverKeyPurpose } from '../../transfer-federation/handover.service';
import { newHandoverKeyPair } from '../../transfer-federation/handover-crypto';
import { updateMembership } from '../membership-registry';
import type { RequestTransferDto } from './transfer.dto';
import { membershipError } from '../../membership.errors';

/**
 * 转会. Inside the node: the source union's officer requests, the target union's officer accepts
 * (TransferCompleted: out of the old union and into the new in one event) or declines. To
 * another node: the request is recorded here and travels up as an event; the rest of the
 * protocol is in docs/ARCHITECTURE.md ("Membership", cross-node transfer).
 */
@Injectable()
export class TransferHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  async request(membershipId: string, dto: RequestTransferDto, principal: Principal) {
    await administeredMembership(this.db, membershipId, principal);
    const transferId = dto.transferId ?? newId();
    const here = this.config.node.code;
    const toNode = dto.toNode ?? here;
    const local = toNode === here;
    await this.commands.run(
      membershipAggregate,
      membershipId,
      async () => ({
        type: 'RequestTransfer' as const,
        transferId,
        toUnionId: dto.toUnionId,
        fromNode: here,
        toNode,
        // Another node's unions are not known here: that node checks the union when the request reaches it.
        toUnionActive: local ? (await registeredUnions(this.db, [dto.toUnionId])).get(dto.toUnionId)?.status === 'active' : true,
      }),
      {
        meta: { actor: actorOf(principal) },
        afterAppend: (trx) => updateMembership(trx, membershipId, { pending_transfer_id: transferId }, this.commands.now()),
      },
    );
    return { transferId, membershipId, toUnionId: dto.toUnionId, toNode, status: 'requested' };
  }

  /** The target union's officer takes the member in (here, or from another node). */
  async accept(transferId: string, principal: Principal) {
    if (!(await this.isLocal(transferId))) return this.answerIncoming(transferId, principal, true);
    const { membershipId, toUnionId } = await this.pending(transferId);
    const union = (await registeredUnions(this.db, [toUnionId])).get(toUnionId);
    if (!union) throw membershipError('transfer_not_local', '转入工会不在本节点，由转入节点受理');
    authorize(principal, administering(union));
    if (union.status !== 'active') throw membershipError('union_not_accepting', '转入工会已不再接收会员');
    await this.commands.run(membershipAggregate, membershipId, { type: 'CompleteTransfer', transferId, pointsCarried: 0 }, {
      meta: { actor: actorOf(principal) },
      afterAppend: (trx) => updateMembership(trx, membershipId, { union_id: toUnionId, pending_transfer_id: null }, this.commands.now()),
    });
    return { transferId, membershipId, unionId: toUnionId, status: 'completed' };
  }

  /** Either side's officer may decline (or withdraw) a transfer that is still pending. */
  async decline(transferId: string, reason: string, principal: Principal) {
    if (!(await this.isLocal(transferId))) return this.answerIncoming(transferId, principal, false, reason);
    const { membershipId, fromUnionId, toUnionId } = await this.pending(transferId);
    const unions = await registeredUnions(this.db, [fromUnionId, toUnionId]);
    const mayDecide = [unions.get(fromUnionId), unions.get(toUnionId)].some((union) => union !== undefined && mayAct(principal, administering(union)));
    if (!mayDecide) throw membershipError('out_of_scope', '只有转出或转入工会可以拒绝转会');
    await this.commands.run(membershipAggregate, membershipId, { type: 'DeclineTransfer', transferId, reason }, {
      meta: { actor: actorOf(principal) },
      afterAppend: (trx) => updateMembership(trx, membershipId, { pending_transfer_id: null }, this.commands.now()),
    });
    return { transferId, membershipId, status: 'declined' };
  }

  /**
   * A member offered by another node: the answer is recorded here and travels up as an event;
   * the common ancestor passes it to the source, whose TransferCompleted is the moment of the move.
   */
  private async answerIncoming(transferId: string, principal: Principal, accept: boolean, reason = '') {
    const { state } = await this.commands.load(incomingTransferAggregate, transferId);
    if (state.status === 'none') throw membershipError('transfer_not_found', '没有待处理的该转会');
    const union = (await registeredUnions(this.db, [state.ends!.toUnionId])).get(state.ends!.toUnionId);
    if (union) authorize(principal, administering(union));
    // Accepting makes the key pair the source will seal the member's personal data to.
    const keys = accept ? newHandoverKeyPair() : undefined;
    await this.commands.run(
      incomingTransferAggregate,
      transferId,
      keys ? { type: 'AcceptIncoming', unionActive: union?.status === 'active', handoverKey: keys.publicKey } : { type: 'DeclineIncoming', reason },
      {
        meta: { actor: actorOf(principal) },
        afterAppend: async (trx) => {
          if (!keys) return;
          await trx
            .insertInto('handover_keys')
            .values({
              transfer_id: transferId,
              from_node: state.ends!.fromNode,
              person_id: state.member!.personId,
              private_key: this.vault.wrapSecret(handoverKeyPurpose(transferId), keys.privateKey),
            })
            .execute();
        },
      },
    );
    return { transferId, membershipId: state.member!.membershipId, status: accept ? 'accepted' : 'declined', fromNode: state.ends!.fromNode };
  }

  /** A transfer pending on a membership of this node (as opposed to one offered by another node). */
  private async isLocal(transferId: string): Promise<boolean> {
    const row = await this.db.selectFrom('membership_registry').select('membership_id').where('pending_transfer_id', '=', transferId).executeTakeFirst();
    return row !== undefined;
  }

  private async pending(transferId: string) {
    const row = await this.db
      .selectFrom('membership_registry')
      .select(['membership_id', 'union_id'])
      .where('pending_transfer_id', '=', transferId)
      .executeTakeFirst();
    if (!row) throw membershipError('transfer_not_found', '没有待处理的该转会');
    const { state } = await this.commands.load(membershipAggregate, row.membership_id);
    if (!state.pendingTransfer || state.pendingTransfer.transferId !== transferId) throw membershipError('transfer_not_found', '没有待处理的该转会');
    return { membershipId: row.membership_id, fromUnionId: row.union_id, toUnionId: state.pendingTransfer.toUnionId };
  }
}
