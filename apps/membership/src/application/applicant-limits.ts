import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ws/kernel';
import { AttemptCounters } from '@ws/platform';
import { MEMBERSHIP_CONFIG, type MembershipConfig } from '../membership-config';
import { membershipError } from '../membership.errors';

const HOUR_MS = 3_600_000;

/**
 * Limits on what a public request names, beside the throttler's per-client ones (a client can
 * change its address; a guesser cannot change the ID number or the mobile it is after):
 * applications without an officer's token per ID number and per mobile an hour, and a lock-out
 * of an application number or a mobile after wrong number + mobile pairs at the look-up and the
 * amendment — the right pair is refused too while it lasts, so guessing gains nothing.
 */
@Injectable()
export class ApplicantLimits {
  private readonly counters = new AttemptCounters();

  constructor(@Inject(MEMBERSHIP_CONFIG) private readonly config: MembershipConfig) {}

  /** A refusal when this ID number or this mobile (keyed hashes) applied too often this hour. */
  application(idHmac: string, mobileHmac: string): DomainError | undefined {
    const limit = this.config.applicationsPerPersonPerHour;
    const byId = this.counters.take(`apply-id:${idHmac}`, limit, HOUR_MS);
    const byMobile = this.counters.take(`apply-mobile:${mobileHmac}`, limit, HOUR_MS);
    if (byId && byMobile) return undefined;
    return membershipError('too_many_applications', '同一身份证号或手机号提交过于频繁，请一小时后再试', byId ? 'mobile' : 'idNumber');
  }

  /** Throws while the application number or the mobile is locked out. */
  assertLookupOpen(applicationNumber: string, mobileHmac: string | null): void {
    const keys = lookupKeys(applicationNumber, mobileHmac);
    const locked = keys.filter((key) => this.counters.count(key) >= this.config.lookupWrongLimit);
    if (locked.length === 0) return;
    const minutes = Math.max(1, Math.ceil(Math.max(...locked.map((key) => this.counters.secondsLeft(key))) / 60));
    throw membershipError('lookup_locked', `申请编号或手机号错误次数过多，请 ${minutes} 分钟后再试`);
  }

  /** Counts a wrong pair against the number and the mobile it named. */
  wrongPair(applicationNumber: string, mobileHmac: string | null): void {
    for (const key of lookupKeys(applicationNumber, mobileHmac)) this.counters.add(key, this.config.lookupLockMinutes * 60_000);
  }
}

const lookupKeys = (applicationNumber: string, mobileHmac: string | null) => [`lookup-number:${applicationNumber}`, ...(mobileHmac ? [`lookup-mobile:${mobileHmac}`] : [])];
