import { Inject, Injectable } from '@nestjs/common';
import { MEMBERSHIP_AGGREGATES } from '@ws/contracts';
import { DomainError, type Principal } from '@ws/kernel';
import { PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { Aggregates, target } from '../../shared/aggregates';
import { actorOf } from '../../shared/scope';
import { personDecider } from './person.decider';

/**
 * Erasure requests (注销个人信息申请): the district union of the person's node records the
 * request when the person asks, then either erases (POST /persons/{id}/erasure, which settles it)
 * or refuses it with a reason. Only ids and the reason go into the events.
 */
@Injectable()
export class ErasureRequestsHandler {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async request(personId: string, requestId: string, principal: Principal) {
    await this.check(personId, principal);
    await this.aggregates.handle(personDecider, target(MEMBERSHIP_AGGREGATES.person, personId), { type: 'RequestErasure', personId, requestId }, { meta: { actor: actorOf(principal) } });
    return { personId, requestId, status: 'requested' };
  }

  async refuse(personId: string, requestId: string, reason: string, principal: Principal) {
    await this.check(personId, principal);
    await this.aggregates.handle(personDecider, target(MEMBERSHIP_AGGREGATES.person, personId), { type: 'RefuseErasure', personId, requestId, reason }, { meta: { actor: actorOf(principal) } });
    return { personId, requestId, status: 'refused' };
  }

  private async check(personId: string, principal: Principal) {
    if (principal.role !== 'district_officer' || principal.node !== this.config.node.code) {
      throw new DomainError('forbidden', '只有会员所在节点的区县工会可以受理注销申请');
    }
    const known = await this.aggregates.db.selectFrom('persons').select('person_id').where('person_id', '=', personId).executeTakeFirst();
    if (!known) throw new DomainError('person_not_found', '没有该人员的个人信息');
  }
}
