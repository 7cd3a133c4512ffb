import type { ActivityEvent, ActivityVenue } from '@ws/contracts';
import { assertNever } from '@ws/kernel';

/** What the decider needs to know about one activity, folded from its stream. */
export interface ActivityState {
  status: 'none' | 'planned' | 'held' | 'cancelled';
  venue: ActivityVenue | null;
  plannedOn: string | null;
  places: number | null;
  /** Sign-ups holding a place, in the order they signed up. */
  confirmed: string[];
  /** The waiting list (候补), first come first served. */
  waitlist: string[];
}

export function initialActivityState(): ActivityState {
  return { status: 'none', venue: null, plannedOn: null, places: null, confirmed: [], waitlist: [] };
}

export function evolveActivity(state: ActivityState, event: ActivityEvent): ActivityState {
  switch (event.type) {
    case 'ActivityPlanned': {
      const { stationId, streetCode, plannedOn, places } = event.data;
      return { ...initialActivityState(), status: 'planned', venue: { stationId, streetCode }, plannedOn, places };
    }
    case 'ActivityRescheduled':
      return { ...state, plannedOn: event.data.plannedOn };
    case 'ActivityCancelled':
      return { ...state, status: 'cancelled' };
    case 'ActivityHeld':
      return { ...state, status: 'held' };
    case 'ActivitySignedUp':
      return event.data.waitlisted
        ? { ...state, waitlist: [...state.waitlist, event.data.signupId] }
        : { ...state, confirmed: [...state.confirmed, event.data.signupId] };
    case 'ActivitySignUpWithdrawn': {
      const { signupId, promoted } = event.data;
      const confirmed = state.confirmed.filter((id) => id !== signupId);
      const waitlist = state.waitlist.filter((id) => id !== signupId && id !== promoted);
      return { ...state, confirmed: promoted ? [...confirmed, promoted] : confirmed, waitlist };
    }
    default:
      return assertNever(event, 'activity event');
  }
}
