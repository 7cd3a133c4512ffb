import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Principal } from '@ws/kernel';
import { CommandRunner, DB } from '@ws/platform';
import { membershipAggregate } from '../../aggregates';
import type { MembershipDatabase, MembershipRegistryStatus } from '../../db/database';
import { actorOf } from '../../shared/scope';
import { administeredMembership } from '../member-scope';
import type { MembershipCommand } from '../membership.decider';
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
  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
  ) {}

  async change(membershipId: string, command: StatusCommand, principal: Principal, expectedVersion?: number) {
    await administeredMembership(this.db, membershipId, principal);
    const { version } = await this.commands.run(membershipAggregate, membershipId, command, {
      meta: { actor: actorOf(principal) },
      expectedVersion,
      afterAppend: (trx) => updateMembership(trx, membershipId, { status: STATUS_AFTER[command.type] }, this.commands.now()),
    });
    return { membershipId, status: STATUS_AFTER[command.type], version };
  }
}
