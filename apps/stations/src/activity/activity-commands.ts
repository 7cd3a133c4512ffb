import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { assertMayActAt } from '../station/venue';
import { venueStation } from '../station/venue-station';
import type { ActivityCommand } from './activity.decider';
import type { ActivityState } from './activity.state';
import type { PlanActivity } from './plan-activity/plan-activity.command';
import { activityAggregate } from '../aggregates';

export interface ActivityOutcome {
  activityId: string;
  version: number;
  events: string[];
  state: ActivityState;
}

/** A plan without the facts the handler looks up: the node, and the station as its stream stands. */
export type PlanRequest = Omit<PlanActivity, 'nodeCode' | 'station'>;

/**
 * Runs a command against one activity stream. Planning reads the station's stream first, so an
 * activity is never planned at a station that is closed (the decider decides on that snapshot).
 */
@Injectable()
export class ActivityCommands {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async plan(request: PlanRequest, principal: Principal | undefined): Promise<ActivityOutcome> {
    const station = request.stationId === null ? null : await venueStation(this.commands, request.stationId);
    return this.run({ ...request, nodeCode: this.config.node.code, station }, principal, 0);
  }

  /** The activity as its stream stands (a worker asking where their sign-up stands). */
  async load(activityId: string): Promise<ActivityState> {
    return (await this.commands.load(activityAggregate, activityId)).state;
  }

  async run(command: ActivityCommand, principal: Principal | undefined, expectedVersion?: number): Promise<ActivityOutcome> {
    const result = await this.commands.run(
      activityAggregate,
      command.activityId,
      (state: ActivityState) => {
        assertMayActAt(principal, command.type === 'PlanActivity' ? { stationId: command.stationId, streetCode: command.station?.streetCode ?? command.streetCode } : state.venue, '活动');
        return command;
      },
      { ...(expectedVersion !== undefined ? { expectedVersion } : {}), meta: { actor: principal?.subject ?? 'public' } },
    );
    return { activityId: command.activityId, version: result.version, events: result.events.map((e) => e.type), state: result.state };
  }
}

/**
 * A worker's sign-up id: their device key digested with the activity, so the events never carry
 * the key and two activities' sign-ups by one device cannot be linked.
 */
export function signupIdOf(activityId: string, key: string): string {
  return createHash('sha256').update(`${activityId}:${key}`).digest('hex').slice(0, 32);
}
