import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { CLOCK } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { DISPATCH_CONFIG } from '../dispatch.config';
import type { DispatchConfig } from '../dispatch.config';
import type { DispatchDatabase } from '../db/database';
import { candidatePool } from './candidate-pool';
import { rankCandidates } from './ranking';
import type { Offer, TaskState } from './task.decider';

const DAY_MS = 86_400_000;

/**
 * Whom a task invites: the district's volunteers ranked for the task as it stands. Task commands
 * run through CommandRunner (taskAggregate); those that may invite someone compute their offer
 * here, inside the command, from the state they are decided on.
 */
@Injectable()
export class TaskDispatcher {
  constructor(
    @Inject(DB) private readonly db: Kysely<DispatchDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Candidates for the task as it stands, best first, in the street and in the district. A
   * reaction passes its transaction: the connection it holds may be the service's only one.
   */
  async offerFor(state: TaskState, invitationId: string, db: Kysely<DispatchDatabase> = this.db): Promise<Offer> {
    const now = this.clock.now();
    const pool = await candidatePool(db, this.platform.node.code, state.requiredSkill, new Date(now.getTime() - this.config.fairLoadDays * DAY_MS));
    const need = { streetCode: state.streetCode, requiredSkill: state.requiredSkill, scheduledAt: state.scheduledAt, deadline: state.deadline };
    const options = { now, exclude: new Set(state.asked), declineCooldownMs: this.config.declineCooldownMs };
    return {
      invitationId,
      streetCandidates: rankCandidates(need, pool, { ...options, scope: 'street' }).map((c) => c.volunteerId),
      districtCandidates: rankCandidates(need, pool, { ...options, scope: 'district' }).map((c) => c.volunteerId),
      district: this.platform.node.code,
      invitationTtlMs: this.config.invitationTtlMs,
    };
  }
}
