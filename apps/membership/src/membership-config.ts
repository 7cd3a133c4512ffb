import { IsIn, IsInt, Max, Min } from 'class-validator';
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

  /**
   * `required`: an application without an officer's token (我要入会 online or at a kiosk) must
   * carry an SMS code proving the mobile (POST /applications/mobile-codes, sent through notify).
   */
  @IsIn(['required', 'off'])
  MEMBERSHIP_JOIN_MOBILE_CODE: string = 'off';

  /** Applications without an officer's token per ID number and per mobile in an hour (each counted). */
  @IsInt() @Min(1) @Max(1000)
  MEMBERSHIP_APPLICATIONS_PER_PERSON_PER_HOUR: number = 5;

  /** Wrong number + mobile pairs (look-up, amendment) per application number or per mobile before a lock-out. */
  @IsInt() @Min(1) @Max(1000)
  MEMBERSHIP_LOOKUP_WRONG_LIMIT: number = 5;

  /** How long such a lock-out lasts (and the window the wrong pairs are counted in). */
  @IsInt() @Min(1) @Max(1440)
  MEMBERSHIP_LOOKUP_LOCK_MINUTES: number = 15;

  /** Check-ins with the same member card that earn points in one Shanghai day (the rest are visits only). */
  @IsInt() @Min(1) @Max(1_000_000)
  MEMBERSHIP_CHECKIN_POINTS_PER_DAY: number = 3;
}

export interface MembershipConfig {
  lookupPerMinute: number;
  pointsPerVolunteerHour: number;
  pointsPerCheckin: number;
  joinMobileCode: boolean;
  applicationsPerPersonPerHour: number;
  lookupWrongLimit: number;
  lookupLockMinutes: number;
  checkinPointsPerDay: number;
}

export const MEMBERSHIP_CONFIG = Symbol('MEMBERSHIP_CONFIG');

export function membershipConfig(env: NodeJS.ProcessEnv = process.env): MembershipConfig {
  const raw = loadConfig(MembershipEnv, env);
  return {
    lookupPerMinute: raw.MEMBERSHIP_LOOKUP_PER_MINUTE,
    pointsPerVolunteerHour: raw.MEMBERSHIP_POINTS_PER_VOLUNTEER_HOUR,
    pointsPerCheckin: raw.MEMBERSHIP_POINTS_PER_CHECKIN,
    joinMobileCode: raw.MEMBERSHIP_JOIN_MOBILE_CODE === 'required',
    applicationsPerPersonPerHour: raw.MEMBERSHIP_APPLICATIONS_PER_PERSON_PER_HOUR,
    lookupWrongLimit: raw.MEMBERSHIP_LOOKUP_WRONG_LIMIT,
    lookupLockMinutes: raw.MEMBERSHIP_LOOKUP_LOCK_MINUTES,
    checkinPointsPerDay: raw.MEMBERSHIP_CHECKIN_POINTS_PER_DAY,
  };
}
