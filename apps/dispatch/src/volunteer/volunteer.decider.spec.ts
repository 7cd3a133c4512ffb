import type { VolunteerEvent, VolunteerRegistered } from '@ws/contracts';
import { spec } from '@ws/testing';
import { volunteerDecider } from './volunteer.decider';

const volunteer: VolunteerRegistered['data'] = {
  volunteerId: 'vol-1',
  type: 'professional',
  skills: [{ skill: 'doctor', certificateRef: 'cert-scan-1' }],
  homeStreet: '330802001',
  availability: [{ day: 6, from: '09:00', to: '17:00' }],
};
const registered: VolunteerEvent = { type: 'VolunteerRegistered', data: volunteer };

describe('volunteer decider', () => {
  it('registers a volunteer once', () => {
    spec(volunteerDecider).given([]).when({ type: 'RegisterVolunteer', volunteer }).then([registered]);
    spec(volunteerDecider).given([registered]).when({ type: 'RegisterVolunteer', volunteer }).thenError('volunteer_already_registered');
  });

  it('refuses unusable availability and repeated skills', () => {
    const backwards = { ...volunteer, availability: [{ day: 6 as const, from: '17:00', to: '09:00' }] };
    spec(volunteerDecider).given([]).when({ type: 'RegisterVolunteer', volunteer: backwards }).thenError('availability_invalid', 'availability');
    const twice = { ...volunteer, skills: [{ skill: 'doctor' as const, certificateRef: null }, { skill: 'doctor' as const, certificateRef: 'c' }] };
    spec(volunteerDecider).given([]).when({ type: 'RegisterVolunteer', volunteer: twice }).thenError('skill_repeated');
  });

  it('changes availability, and does nothing when it is the same', () => {
    const weekday = [{ day: 2 as const, from: '18:00', to: '21:00' }];
    spec(volunteerDecider).given([registered]).when({ type: 'ChangeAvailability', availability: weekday }).then([
      { type: 'VolunteerAvailabilityChanged', data: { volunteerId: 'vol-1', availability: weekday } },
    ]);
    spec(volunteerDecider).given([registered]).when({ type: 'ChangeAvailability', availability: volunteer.availability }).thenNothing();
    spec(volunteerDecider).given([]).when({ type: 'ChangeAvailability', availability: weekday }).thenError('volunteer_not_found');
  });

  it('retires once; a retired volunteer cannot change availability', () => {
    const retired: VolunteerEvent = { type: 'VolunteerRetired', data: { volunteerId: 'vol-1', reason: 'withdrew' } };
    spec(volunteerDecider).given([registered]).when({ type: 'RetireVolunteer', reason: 'withdrew' }).then([retired]);
    spec(volunteerDecider).given([registered, retired]).when({ type: 'RetireVolunteer', reason: 'erased' }).thenNothing();
    spec(volunteerDecider).given([registered, retired]).when({ type: 'ChangeAvailability', availability: [] }).thenError('volunteer_retired');
  });
});
