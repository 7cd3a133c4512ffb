import type { SeekerEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { samplePreferences } from '../testing/samples';
import { seekerDecider, SeekerCommand } from './seeker.decider';

const register: SeekerCommand = {
  type: 'RegisterSeeker',
  seekerId: 'seeker-1',
  identity: { name: '庞秀英', idNumber: '11010519491231002X', mobile: '13812345678' },
  mobileVerified: true,
  home: { lng: 106.27, lat: 29.97 },
  profileRef: 'profile-1',
  preferences: samplePreferences(),
};
const registered: SeekerEvent = { type: 'SeekerRegistered', data: { ...samplePreferences(), seekerId: 'seeker-1', profileRef: 'profile-1' } };

describe('seeker decider', () => {
  it('registers a real-name verified seeker; the event carries no name, ID number, mobile or home point', () => {
    spec(seekerDecider).given([]).when(register).then([registered]);
    expect(JSON.stringify(registered)).not.toMatch(/庞|11010519491231002X|13812345678|106\.27/);
    spec(seekerDecider).given([registered]).when(register).thenNothing();
  });

  it('refuses an ID number with a wrong check digit, a bad name or mobile, an unverified mobile', () => {
    const withIdentity = (identity: Partial<typeof register.identity>) => ({ ...register, identity: { ...register.identity, ...identity } }) as SeekerCommand;
    spec(seekerDecider).given([]).when(withIdentity({ idNumber: '110105194912310021' })).thenError('id_number_bad_checksum', 'idNumber');
    spec(seekerDecider).given([]).when(withIdentity({ name: '' })).thenError('name_empty', 'name');
    spec(seekerDecider).given([]).when(withIdentity({ mobile: '12345' })).thenError('mobile_invalid', 'mobile');
    spec(seekerDecider).given([]).when({ ...register, mobileVerified: false }).thenError('mobile_not_verified', 'mobileCode');
    spec(seekerDecider).given([]).when({ ...register, home: { lng: 0, lat: 0 } }).thenError('validation_failed', 'home');
  });

  it('refuses preferences without a category, with a radius out of 1–50 km, or bad hours', () => {
    const withPrefs = (overrides: object) => ({ ...register, preferences: samplePreferences(overrides) }) as SeekerCommand;
    spec(seekerDecider).given([]).when(withPrefs({ categories: [] })).thenError('validation_failed', 'categories');
    spec(seekerDecider).given([]).when(withPrefs({ categories: ['housekeeping', 'housekeeping'] })).thenError('validation_failed', 'categories');
    spec(seekerDecider).given([]).when(withPrefs({ travelRadiusKm: 80 })).thenError('validation_failed', 'travelRadiusKm');
    spec(seekerDecider).given([]).when(withPrefs({ availability: [{ day: 1, from: '13:00', to: '07:00' }] })).thenError('validation_failed', 'availability');
  });

  it('changes preferences and 精准推送 settings once registered', () => {
    const preferences = samplePreferences({ travelRadiusKm: 5 });
    spec(seekerDecider).given([registered]).when({ type: 'ChangePreferences', preferences }).then([{ type: 'SeekerPreferencesChanged', data: { ...preferences, seekerId: 'seeker-1' } }]);
    spec(seekerDecider).given([]).when({ type: 'ChangePreferences', preferences }).thenError('seeker_not_found');
    spec(seekerDecider).given([registered]).when({ type: 'ChangePushes', pushes: false, dailyCap: 3 }).then([{ type: 'SeekerPushesChanged', data: { seekerId: 'seeker-1', pushes: false, dailyCap: 3 } }]);
    spec(seekerDecider).given([registered]).when({ type: 'ChangePushes', pushes: true, dailyCap: 3 }).thenNothing();
    spec(seekerDecider).given([registered]).when({ type: 'ChangePushes', pushes: true, dailyCap: 11 }).thenError('validation_failed', 'dailyCap');
  });

  it('erases a registered seeker once: the event names nobody, and nothing is decided for them after', () => {
    const erased: SeekerEvent = { type: 'SeekerErased', data: { seekerId: 'seeker-1' } };
    spec(seekerDecider).given([registered]).when({ type: 'EraseSeeker' }).then([erased]);
    spec(seekerDecider).given([]).when({ type: 'EraseSeeker' }).thenError('seeker_not_found');
    spec(seekerDecider).given([registered, erased]).when({ type: 'EraseSeeker' }).thenError('personal_data_erased');
    spec(seekerDecider).given([registered, erased]).when({ type: 'ChangePushes', pushes: true, dailyCap: 3 }).thenError('personal_data_erased');
  });
});
