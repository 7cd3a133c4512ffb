import type { ProgrammeEvent, ProgrammeTerms } from '@ws/contracts';
import { assertNever } from '@ws/kernel';

/** One programme as the decider needs it: its terms and its progress. */
export interface ProgrammeState {
  terms: ProgrammeTerms | null;
  status: 'none' | 'running' | 'closed';
  people: number;
  newFormPeople: number;
  placesUsed: number;
}

export function initialProgrammeState(): ProgrammeState {
  return { terms: null, status: 'none', people: 0, newFormPeople: 0, placesUsed: 0 };
}

export function evolveProgramme(state: ProgrammeState, event: ProgrammeEvent): ProgrammeState {
  switch (event.type) {
    case 'ProgrammeLaunched':
      return { ...state, terms: event.data, status: 'running' };
    case 'ProgrammeDelivered':
      return {
        ...state,
        people: state.people + event.data.people,
        newFormPeople: state.newFormPeople + event.data.newFormPeople,
        placesUsed: state.placesUsed + event.data.places,
      };
    case 'ProgrammeClosed':
      return { ...state, status: 'closed' };
    default:
      return assertNever(event, 'programme event');
  }
}
