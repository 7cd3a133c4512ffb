import { api, ApiError } from './api';
import { load, randomKey, save } from './storage';

/**
 * 扫码打卡 on a weak signal. Each tap has an idempotency key; a tap without a network is kept on
 * the phone with its time and sent when the network is back (the `online` event, the next page
 * start), with the same key, so the station counts it once however often it is sent. A second
 * tap at the same station within VISIT_WINDOW_MS reuses the key: the same visit.
 */
export const VISIT_WINDOW_MS = 30 * 60_000;

export interface Checkin {
  stationId: string;
  key: string;
  /** When the rider tapped (ISO): an offline check-in is counted at that time, not when it finally arrives. */
  at: string;
  occupation: string;
  memberCard?: string;
}

export type CheckinOutcome = 'accepted' | 'duplicate' | 'queued';

const PENDING = 'checkins.pending';
const RECENT = 'checkins.recent';

export function pendingCheckins(): Checkin[] {
  return load<Checkin[]>(PENDING, []);
}

/** The visit a tap belongs to: the last one at this station if it is recent, else a new one. */
export function visitFor(stationId: string, now = new Date()): { key: string; at: string; repeat: boolean } {
  const recent = load<Record<string, { key: string; at: string }>>(RECENT, {});
  const last = recent[stationId];
  if (last && now.getTime() - Date.parse(last.at) < VISIT_WINDOW_MS) return { ...last, repeat: true };
  const visit = { key: randomKey(), at: now.toISOString() };
  // Only the recent ones are kept: the phone remembers no history of where its owner went.
  const kept = Object.fromEntries(Object.entries(recent).filter(([, v]) => now.getTime() - Date.parse(v.at) < VISIT_WINDOW_MS));
  save(RECENT, { ...kept, [stationId]: visit });
  return { ...visit, repeat: false };
}

async function send(checkin: Checkin): Promise<'accepted' | 'duplicate'> {
  const { stationId, ...body } = checkin;
  const answer = await api<{ status: 'accepted' | 'duplicate' }>('stations', `/stations/${stationId}/checkins`, {
    method: 'POST',
    json: { key: body.key, at: body.at, occupation: body.occupation, ...(body.memberCard ? { memberCard: body.memberCard } : {}) },
  });
  return answer.status;
}

const retryLater = (error: unknown) => error instanceof ApiError && (error.offline || error.status >= 500 || error.status === 429);

/** Sends now, or keeps it for later when there is no network; a refusal (bad card …) is thrown to the form. */
export async function submitCheckin(checkin: Checkin): Promise<CheckinOutcome> {
  try {
    return await send(checkin);
  } catch (error) {
    if (!retryLater(error)) throw error;
    const pending = pendingCheckins().filter((c) => c.key !== checkin.key);
    save(PENDING, [...pending, checkin]);
    return 'queued';
  }
}

let flushing: Promise<number> | undefined;

/** Sends what was kept; returns how many left the phone. Runs once at a time. */
export function flushCheckins(): Promise<number> {
  // Cleared in a later microtask (finally), never before the assignment, even when nothing was pending.
  flushing ??= sendPending().finally(() => (flushing = undefined));
  return flushing;
}

async function sendPending(): Promise<number> {
  let sent = 0;
  for (const checkin of pendingCheckins()) {
    try {
      await send(checkin);
    } catch (error) {
      if (retryLater(error)) break;
      // Refused for good (too old, unknown station): nothing more can be done with it.
    }
    save(PENDING, pendingCheckins().filter((c) => c.key !== checkin.key));
    sent++;
  }
  return sent;
}
