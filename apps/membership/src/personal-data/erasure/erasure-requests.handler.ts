import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { type Principal } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { personAggregate } from '../../aggregates';
import type { MembershipDatabase } from '../../db/database';
import { actorOf } from '../../shared/scope';
import { membershipError } from '../../membership.errors';

/**
 * Erasure requests (注销个人信息申请): the district union of the person's node records the
 * request when the person asks, then either erases (POST /persons/{id}/erasure, which settles it)
 * or refuses it with a reason. Only ids and the reason go into the events.
 */
@Injectable()
export class ErasureRequestsHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async request(personId: string, requestId: string, principal: Principal) {
    await this.check(personId, principal);
    await this.commands.run(personAggregate, personId, { type: 'RequestErasure', personId, requestId }, { meta: { actor: actorOf(principal) } });
    return { personId, requestId, status: 'requested' };
  }

  async refuse(personId: string, requestId: string, reason: string, principal: Principal) {
    await this.check(personId, principal);
    await this.commands.run(personAggregate, personId, { type: 'RefuseErasure', personId, requestId, reason }, { meta: { actor: actorOf(principal) } });
    return { personId, requestId, status: 'refused' };
  }

  private async check(personId: string, principal: Principal) {
    if (principal.role !== 'district_officer' || principal.node !== this.config.node.code) {
      throw membershipError('forbidden', '只有会员所在节点的区县工会可以受理注销申请');
    }
    const known = await this.db.selectFrom('persons').select('person_id').where('person_id', '=', personId).executeTakeFirst();
    if (!known) throw membershipError('person_not_found', '没有该人员的个人信息');
  }
}
