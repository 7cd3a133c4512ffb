import { IsInt, Max, Min } from 'class-validator';
import { loadConfig } from '@ws/kernel';

/** Settings of the membership service beyond the platform's (PII keys: personal-data/pii-keys.ts). */
export class MembershipEnv {
  /** Status look-ups by application number + mobile, per client and minute (guessing is throttled). */
  @IsInt() @Min(1) @Max(1_000_000)
  MEMBERSHIP_LOOKUP_PER_MINUTE: number = 30;

  /** Points per hour of volunteer service (dispatch TaskCompleted). */
  @IsInt() @Min(0) @Max(1000)
  MEMBERSHIP_POINTS_PER_VOLUNTEER_HOUR: number = 10;

  /** Points per station check-in with a member card; 0 = the node does not reward check-ins. */
  @IsInt() @Min(0) @Max(100)
  MEMBERSHIP_POINTS_PER_CHECKIN: number = 0;
}

export interface MembershipConfig {
  lookupPerMinute: number;
  pointsPerVolunteerHour: number;
  pointsPerCheckin: number;
}

export const MEMBERSHIP_CONFIG = Symbol('MEMBERSHIP_CONFIG');

export function membershipConfig(env: NodeJS.ProcessEnv = process.env): MembershipConfig {
  const raw = loadConfig(MembershipEnv, env);
  return {
    lookupPerMinute: raw.MEMBERSHIP_LOOKUP_PER_MINUTE,
    pointsPerVolunteerHour: raw.MEMBERSHIP_POINTS_PER_VOLUNTEER_HOUR,
    pointsPerCheckin: raw.MEMBERSHIP_POINTS_PER_CHECKIN,
  };
}
