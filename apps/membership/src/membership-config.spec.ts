import 'reflect-metadata';
import { membershipConfig } from './membership-config';

describe('membership settings from the environment', () => {
  it('reads numbers from strings and keeps defaults', () => {
    expect(membershipConfig({ MEMBERSHIP_LOOKUP_PER_MINUTE: '120' })).toEqual({ lookupPerMinute: 120, pointsPerVolunteerHour: 10, pointsPerCheckin: 0, joinMobileCode: false,
      applicationsPerPersonPerHour: 5, lookupWrongLimit: 5, lookupLockMinutes: 15, checkinPointsPerDay: 3,
    });
    expect(membershipConfig({ MEMBERSHIP_JOIN_MOBILE_CODE: 'required' }).joinMobileCode).toBe(true);
  });
  it('refuses nonsense at start-up', () => {
    expect(() => membershipConfig({ MEMBERSHIP_POINTS_PER_CHECKIN: '-1' })).toThrow(/MEMBERSHIP_POINTS_PER_CHECKIN/);
    expect(() => membershipConfig({ MEMBERSHIP_LOOKUP_PER_MINUTE: 'many' })).toThrow(/MEMBERSHIP_LOOKUP_PER_MINUTE/);
  });
});
