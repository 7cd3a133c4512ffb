import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { MembershipEvent, UnionCreated } from '@ws/contracts';
import { derivedId, newId, type Principal } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG, refuseStaleVersion, type PlatformConfig } from '@ws/platform';
import { membershipAggregate, unionAggregate } from '../../aggregates';
import type { MembershipDatabase } from '../../db/database';
import { currentMembersOfUnion, countCurrentMembers } from '../../memberships/membership-registry';
import { actorOf } from '../../shared/scope';
import type { ParentStatus } from '../union.decider';
import { activeChildUnions, registeredUnions, registerUnion, setUnionStatus } from '../union-registry';
import type { CreateUnionDto } from './manage-unions.dto';
import { membershipError } from '../../membership.errors';

/** Create, rename, merge and dissolve unions of this node. */
@Injectable()
export class ManageUnionsHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async create(dto: CreateUnionDto, principal: Principal): Promise<{ unionId: string }> {
    const unionId = dto.unionId ?? newId();
    const parentUnionId = dto.parentUnionId ?? null;
    const here = this.config.node.code;
    const parentNodeCode = parentUnionId === null ? null : dto.parentNodeCode ?? here;
    await this.commands.run(
      unionAggregate,
      unionId,
      async () => ({
        type: 'CreateUnion' as const,
        unionId,
        name: dto.name,
        kind: dto.kind,
        parentUnionId,
        parentNodeCode,
        nodeCode: here,
        streetCode: dto.streetCode ?? null,
        occupations: dto.occupations ?? [],
        parentStatus: await this.parentStatus(parentUnionId, parentNodeCode),
      }),
      {
        meta: { actor: actorOf(principal) },
        afterAppend: async (trx, written) => {
          const created = written.find((e) => e.type === 'UnionCreated');
          if (created) await registerUnion(trx, { ...(created.data as UnionCreated['data']) });
        },
      },
    );
    return { unionId };
  }

  private async parentStatus(parentUnionId: string | null, parentNodeCode: string | null): Promise<ParentStatus> {
    if (parentUnionId === null || parentNodeCode !== this.config.node.code) return 'elsewhere';
    const parent = (await registeredUnions(this.db, [parentUnionId])).get(parentUnionId);
    return parent?.status === 'active' ? 'active' : 'not_active';
  }

  async rename(unionId: string, name: string, principal: Principal, expectedVersion?: number) {
    const { version } = await this.commands.run(unionAggregate, unionId, { type: 'RenameUnion', name }, {
      meta: { actor: actorOf(principal) },
      expectedVersion,
    });
    return { unionId, version };
  }

  async dissolve(unionId: string, reason: string, principal: Principal, expectedVersion?: number) {
    const { version } = await this.commands.run(
      unionAggregate,
      unionId,
      async () => ({
        type: 'DissolveUnion' as const,
        reason,
        activeMembers: await countCurrentMembers(this.db, unionId),
        activeChildUnions: await activeChildUnions(this.db, unionId, this.config.node.code),
      }),
      {
        meta: { actor: actorOf(principal) },
        expectedVersion,
        afterAppend: (trx) => setUnionStatus(trx, unionId, 'dissolved'),
      },
    );
    return { unionId, version };
  }

  /**
   * Merge = every current member moves to the target union (a transfer each, requested and
   * completed in the same event batch) and the union is marked merged — all in one transaction,
   * so no member is ever without a union or in two. Members with a transfer in flight, or child
   * unions, must be settled first.
   */
  async merge(unionId: string, intoUnionId: string, principal: Principal, expectedVersion?: number) {
    const members = await currentMembersOfUnion(this.db, unionId);
    const inFlight = members.filter((m) => m.pendingTransferId !== null).length;
    if (inFlight > 0) {
      throw membershipError('union_has_transfers_in_flight', `有 ${inFlight} 名会员正在转会，请先处理`, undefined, { inFlight });
    }
    if ((await activeChildUnions(this.db, unionId, this.config.node.code)) > 0) throw membershipError('union_has_child_unions', '请先处理下级工会');
    const loadedMembers = await Promise.all(members.map(async (m) => ({ member: m, ...(await this.commands.load(membershipAggregate, m.membershipId)) })));
    const node = this.config.node.code;
    const meta = { actor: actorOf(principal) };
    const moves = loadedMembers.map(({ member, state, version }) => {
      const transferId = derivedId(member.membershipId, `merge:${unionId}:${intoUnionId}`);
      const events: MembershipEvent[] = this.commands.decide(membershipAggregate, { type: 'MoveByMerge', transferId, toUnionId: intoUnionId, node }, state);
      return { member, version, events };
    });

    const { state, version } = await this.commands.load(unionAggregate, unionId);
    const into = (await registeredUnions(this.db, [intoUnionId])).get(intoUnionId);
    const merged = this.commands.decide(
      unionAggregate,
      { type: 'MergeUnion', intoUnionId, intoActive: into?.status === 'active', membersMoved: moves.length },
      state,
    );
    const now = this.commands.now();
    await this.commands.transaction(async (trx) => {
      await this.commands.appendMany(
        moves.map((move) => ({ aggregate: membershipAggregate, id: move.member.membershipId, expectedVersion: move.version, events: move.events })),
        meta,
        trx,
      );
      if (moves.length > 0) {
        await trx
          .updateTable('membership_registry')
          .set({ union_id: intoUnionId, updated_at: now })
          .where('membership_id', 'in', moves.map((m) => m.member.membershipId))
          .execute();
      }
      refuseStaleVersion(expectedVersion, version);
      await this.commands.append(unionAggregate, unionId, version, merged, meta, trx);
      await setUnionStatus(trx, unionId, 'merged');
    });
    return { unionId, intoUnionId, membersMoved: moves.length };
  }
}
