import type { AvailabilitySlot, SkillClaim, VolunteerEvent, VolunteerRegistered, VolunteerRetirementReason } from '@ws/contracts';
import { assertNever, Decider, DomainError } from '@ws/kernel';
import { availabilityProblem } from './availability';
import { dispatchError } from '../dispatch.errors';

export type VolunteerCommand =
  | { type: 'RegisterVolunteer'; volunteer: VolunteerRegistered['data'] }
  | { type: 'ChangeAvailability'; availability: AvailabilitySlot[] }
  | { type: 'RetireVolunteer'; reason: VolunteerRetirementReason };

export interface VolunteerState {
  status: 'none' | 'active' | 'retired';
  volunteerId: string;
  homeStreet: string;
  skills: readonly SkillClaim[];
  availability: readonly AvailabilitySlot[];
}

export const volunteerErrors = {
  notFound: (field = 'volunteerId') => dispatchError('volunteer_not_found', '志愿者不存在', field),
  alreadyRegistered: () => dispatchError('volunteer_already_registered', '该志愿者已登记'),
  retired: (field?: string) => dispatchError('volunteer_retired', '该志愿者已退出', field),
  availabilityInvalid: (message: string) => dispatchError('availability_invalid', message, 'availability'),
  skillRepeated: () => dispatchError('skill_repeated', '同一技能只能登记一次', 'skills'),
};

export function initialVolunteerState(): VolunteerState {
  return { status: 'none', volunteerId: '', homeStreet: '', skills: [], availability: [] };
}

export function decideVolunteer(command: VolunteerCommand, state: VolunteerState): VolunteerEvent[] | DomainError {
  switch (command.type) {
    case 'RegisterVolunteer': {
      if (state.status !== 'none') return volunteerErrors.alreadyRegistered();
      const problem = availabilityProblem(command.volunteer.availability);
      if (problem) return volunteerErrors.availabilityInvalid(problem);
      const skills = command.volunteer.skills.map((claim) => claim.skill);
      if (new Set(skills).size !== skills.length) return volunteerErrors.skillRepeated();
      return [{ type: 'VolunteerRegistered', data: command.volunteer }];
    }
    case 'ChangeAvailability': {
      const refusal = activeCheck(state);
      if (refusal) return refusal;
      const problem = availabilityProblem(command.availability);
      if (problem) return volunteerErrors.availabilityInvalid(problem);
      if (JSON.stringify(command.availability) === JSON.stringify(state.availability)) return [];
      return [{ type: 'VolunteerAvailabilityChanged', data: { volunteerId: state.volunteerId, availability: command.availability } }];
    }
    case 'RetireVolunteer': {
      if (state.status === 'none') return volunteerErrors.notFound();
      if (state.status === 'retired') return [];
      return [{ type: 'VolunteerRetired', data: { volunteerId: state.volunteerId, reason: command.reason } }];
    }
    default:
      return assertNever(command, 'volunteer command');
  }
}

/** The volunteer exists and still serves; used by other use cases (shifts) too. */
export function activeCheck(state: VolunteerState, field?: string): DomainError | null {
  if (state.status === 'none') return volunteerErrors.notFound(field);
  if (state.status === 'retired') return volunteerErrors.retired(field);
  return null;
}

export function evolveVolunteer(state: VolunteerState, event: VolunteerEvent): VolunteerState {
  switch (event.type) {
    case 'VolunteerRegistered':
      return {
        status: 'active',
        volunteerId: event.data.volunteerId,
        homeStreet: event.data.homeStreet,
        skills: event.data.skills,
        availability: event.data.availability,
      };
    case 'VolunteerAvailabilityChanged':
      return { ...state, availability: event.data.availability };
    case 'VolunteerRetired':
      return { ...state, status: 'retired' };
    default:
      return assertNever(event, 'volunteer event');
  }
}

export const volunteerDecider: Decider<VolunteerCommand, VolunteerEvent, VolunteerState> = {
  decide: decideVolunteer,
  evolve: evolveVolunteer,
  initialState: initialVolunteerState,
};
