import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { PersonErased } from '@ws/contracts';
import { type Principal } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { applicationAggregate, membershipAggregate, personAggregate } from '../../aggregates';
import { forgetApplicant, pendingApplications, updateApplication } from '../../application/application-registry';
import type { MembershipDatabase } from '../../db/database';
import { currentMemberships, updateMembership } from '../../memberships/membership-registry';
import { actorOf } from '../../shared/scope';
import { PersonalDataVault } from '../personal-data.vault';
import { membershipError } from '../../membership.errors';

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
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async erase(personId: string, principal: Principal) {
    if (principal.role !== 'district_officer' || principal.node !== this.config.node.code) {
      throw membershipError('forbidden', '只有会员所在节点的区县工会可以注销个人信息');
    }
    const db = this.db;
    const known = await db.selectFrom('persons').select(['person_id', 'erased_at']).where('person_id', '=', personId).executeTakeFirst();
    if (!known) throw membershipError('person_not_found', '没有该人员的个人信息');
    const { version } = await this.commands.load(personAggregate, personId);
    if (known.erased_at !== null && version > 0) return { personId, status: 'erased', alreadyErased: true };

    const meta = { actor: actorOf(principal) };
    const membership = (await currentMemberships(db, [personId])).get(personId);
    const leaving = membership && (await this.commands.load(membershipAggregate, membership.membershipId));
    const left = leaving ? this.commands.decide(membershipAggregate, { type: 'LeaveMembership', reason: ERASURE_REASON }, leaving.state) : [];
    const pending = (await pendingApplications(db, [personId])).get(personId);
    const application = pending && (await this.commands.load(applicationAggregate, pending.applicationId));
    const rejected = application
      ? this.commands.decide(applicationAggregate, { type: 'RejectApplication', reason: 'other', note: ERASURE_REASON }, application.state)
      : [];
    const now = this.commands.now();

    await this.commands.transaction(async (trx) => {
      if (membership && leaving) {
        await this.commands.append(membershipAggregate, membership.membershipId, leaving.version, left, meta, trx);
        await updateMembership(trx, membership.membershipId, { status: 'left' }, now);
      }
      if (pending && application) {
        await this.commands.append(applicationAggregate, pending.applicationId, application.version, rejected, meta, trx);
        await updateApplication(trx, pending.applicationId, { status: 'rejected', reason: 'other', note: ERASURE_REASON }, now);
      }
      await this.vault.erase(trx, personId);
      await forgetApplicant(trx, personId);
      const erased: PersonErased = { type: 'PersonErased', data: { personId } };
      await this.commands.append(personAggregate, personId, version, [erased], meta, trx);
    });
    return { personId, status: 'erased', alreadyErased: false, membershipEnded: left.length > 0, applicationRejected: rejected.length > 0 };
  }
}
