import { Inject, Injectable } from '@nestjs/common';
import { MEMBERSHIP_AGGREGATES, PersonErased } from '@ws/contracts';
import { DomainError, type Principal } from '@ws/kernel';
import { PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { applicationDecider } from '../../application/application.decider';
import { forgetApplicant, pendingApplications, updateApplication } from '../../application/application-registry';
import { membershipDecider } from '../../memberships/membership.decider';
import { currentMemberships, updateMembership } from '../../memberships/membership-registry';
import { Aggregates, target } from '../../shared/aggregates';
import { actorOf } from '../../shared/scope';
import { PersonalDataVault } from '../personal-data.vault';

export const ERASURE_REASON = '本人要求注销个人信息';

/**
 * Erasure on request (PIPL art. 47): the person's data key is destroyed, their ciphertext and
 * HMACs deleted, and PersonErased (the id only) tells every projection — here and, sourced
 * upwards, at the city and province — to show "已注销". The events stay as they are: they never
 * held anything personal. A membership of someone nobody can identify any more cannot stay
 * current (one membership per person could no longer be checked), so it ends in the same
 * transaction, and an application in progress is rejected. Repeating an erasure changes nothing.
 */
@Injectable()
export class ErasePersonHandler {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async erase(personId: string, principal: Principal) {
    if (principal.role !== 'district_officer' || principal.node !== this.config.node.code) {
      throw new DomainError('forbidden', '只有会员所在节点的区县工会可以注销个人信息');
    }
    const db = this.aggregates.db;
    const known = await db.selectFrom('persons').select(['person_id', 'erased_at']).where('person_id', '=', personId).executeTakeFirst();
    if (!known) throw new DomainError('person_not_found', '没有该人员的个人信息');
    const personStream = target(MEMBERSHIP_AGGREGATES.person, personId);
    const { version } = await this.aggregates.store.readStream(`${personStream.aggregate}-${personId}`);
    if (known.erased_at !== null && version > 0) return { personId, status: 'erased', alreadyErased: true };

    const meta = { actor: actorOf(principal) };
    const membership = (await currentMemberships(db, [personId])).get(personId);
    const leaving = membership && (await this.aggregates.load(membershipDecider, target(MEMBERSHIP_AGGREGATES.membership, membership.membershipId)));
    const left = leaving ? this.aggregates.decide(membershipDecider, { type: 'LeaveMembership', reason: ERASURE_REASON }, leaving.state) : [];
    const pending = (await pendingApplications(db, [personId])).get(personId);
    const application = pending && (await this.aggregates.load(applicationDecider, target(MEMBERSHIP_AGGREGATES.application, pending.applicationId)));
    const rejected = application
      ? this.aggregates.decide(applicationDecider, { type: 'RejectApplication', reason: 'other', note: ERASURE_REASON }, application.state)
      : [];
    const now = this.aggregates.now();

    await this.aggregates.transaction(async (trx) => {
      if (membership && leaving) {
        await this.aggregates.append(trx, target(MEMBERSHIP_AGGREGATES.membership, membership.membershipId), leaving.version, left, meta);
        await updateMembership(trx, membership.membershipId, { status: 'left' }, now);
      }
      if (pending && application) {
        await this.aggregates.append(trx, target(MEMBERSHIP_AGGREGATES.application, pending.applicationId), application.version, rejected, meta);
        await updateApplication(trx, pending.applicationId, { status: 'rejected', reason: 'other', note: ERASURE_REASON }, now);
      }
      await this.vault.erase(trx, personId);
      await forgetApplicant(trx, personId);
      const erased: PersonErased = { type: 'PersonErased', data: { personId } };
      await this.aggregates.append(trx, personStream, version, [erased], meta);
    });
    return { personId, status: 'erased', alreadyErased: false, membershipEnded: left.length > 0, applicationRejected: rejected.length > 0 };
  }
}
