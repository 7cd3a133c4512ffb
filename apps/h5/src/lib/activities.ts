import { api } from './api';
import { deviceKey, load, save } from './storage';

/** An activity open for sign-up, as the stations read model answers it (GET /activities?signUpOpen=true). */
export interface OpenActivity {
  activityId: string;
  stationId: string | null;
  stationName: string | null;
  streetCode: string;
  kind: string;
  kindLabel: string;
  title: string;
  organiser: string;
  plannedOn: string;
  places: number;
  confirmed: number;
  waitlisted: number;
}

/** Where this phone's sign-up stands: a place, a position on the waiting list (1 = next), or none. */
export interface Standing {
  status: 'confirmed' | 'waitlisted' | 'none';
  position: number | null;
}

/** What a worker may still sign up for, soonest first: at one station, or anywhere in the node. */
export function openActivities(filter: { stationId?: string; streetCode?: string }, after?: string, limit = 10) {
  const query = new URLSearchParams({ signUpOpen: 'true', limit: String(limit) });
  if (filter.stationId) query.set('stationId', filter.stationId);
  if (filter.streetCode) query.set('streetCode', filter.streetCode);
  if (after) query.set('after', after);
  return api<{ items: OpenActivity[]; next: string | null }>('stations', `/activities?${query}`);
}

export const activityById = (activityId: string) => api<OpenActivity>('stations', `/activities/${encodeURIComponent(activityId)}`);

/**
 * Sign-ups go with this phone's own random key, in the body (never the address): no name, no
 * phone number, and the service keeps only a digest of it with the activity.
 */
const signUpCall = (activityId: string, path: '' | '/withdraw' | '/standing') =>
  api<Standing>('stations', `/activities/${encodeURIComponent(activityId)}/signups${path}`, { method: 'POST', json: { key: deviceKey() } });

/** The activities this phone signed up for: only these are asked where they stand. */
const MINE = 'activities.signedUp';
const mine = () => load<string[]>(MINE, []);
function remember(activityId: string, standing: Standing) {
  const others = mine().filter((id) => id !== activityId);
  save(MINE, standing.status === 'none' ? others : [...others, activityId].slice(-50));
}

export async function signUp(activityId: string): Promise<Standing> {
  const standing = await signUpCall(activityId, '');
  remember(activityId, standing);
  return standing;
}

export async function withdraw(activityId: string): Promise<Standing> {
  const standing = await signUpCall(activityId, '/withdraw');
  remember(activityId, standing);
  return standing;
}

/** Where this phone stands, asked only when it signed up here before (a place may have come from the waiting list since). */
export async function standingOf(activityId: string): Promise<Standing> {
  if (!mine().includes(activityId)) return { status: 'none', position: null };
  const standing = await signUpCall(activityId, '/standing');
  remember(activityId, standing);
  return standing;
}

/** Places left, and how many more the waiting list takes (as long as the places at most). */
export function room(activity: Pick<OpenActivity, 'places' | 'confirmed' | 'waitlisted'>): { placesLeft: number; waitingLeft: number } {
  return { placesLeft: Math.max(0, activity.places - activity.confirmed), waitingLeft: Math.max(0, activity.places - activity.waitlisted) };
}

/** A planned day as people say it: 12月9日 周三. */
export function dayText(day: string): string {
  const date = new Date(`${day}T00:00:00+08:00`);
  const weekday = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'][new Date(date.getTime() + 8 * 3600_000).getUTCDay()];
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 ${weekday}`;
}
