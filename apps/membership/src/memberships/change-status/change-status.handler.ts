import { Injectable } from '@nestjs/common';
import { MEMBERSHIP_AGGREGATES } from '@ws/contracts';
import type { Principal } from '@ws/kernel';
import type { MembershipRegistryStatus } from '../../db/database';
import { Aggregates, target } from '../../shared/aggregates';
import { actorOf } from '../../shared/scope';
import { administeredMembership } from '../member-scope';
import { MembershipCommand, membershipDecider } from '../membership.decider';
import { updateMembership } from '../membership-registry';

type StatusCommand = Extract<MembershipCommand, { type: 'SuspendMembership' | 'ReinstateMembership' | 'LeaveMembership' }>;

const STATUS_AFTER: Record<StatusCommand['type'], MembershipRegistryStatus> = {
  SuspendMembership: 'suspended',
  ReinstateMembership: 'active',
  LeaveMembership: 'left',
};

/** Suspend, reinstate, leave (dues are out of scope). */
@Injectable()
export class ChangeStatusHandler {
  constructor(private readonly aggregates: Aggregates) {}

  async change(membershipId: string, command: StatusCommand, principal: Principal, expectedVersion?: number) {
    await administeredMembership(this.aggregates.db, membershipId, principal);
    const { version } = await this.aggregates.handle(membershipDecider, target(MEMBERSHIP_AGGREGATES.membership, membershipId), command, {
      meta: { actor: actorOf(principal) },
      expectedVersion,
      alongside: (trx) => updateMembership(trx, membershipId, { status: STATUS_AFTER[command.type] }, this.aggregates.now()),
    });
    return { membershipId, status: STATUS_AFTER[command.type], version };
  }
}
