import type { WishCategory, WishUrgency } from '@ws/contracts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long each state may last before the wish escalates or closes by itself. */
export interface WishPolicy {
  /** From posting to moderation (accept, merge or decline). */
  moderationMs: number;
  /** From acceptance (or a reopen) to completion, per category. */
  completionMs: Record<WishCategory, number>;
  /** An urgent wish gets this fraction of its category's time. */
  urgentFactor: number;
  /** From completion to the author's confirmation; after that the wish closes unconfirmed. */
  confirmationMs: number;
  /** The least time a street gets to find a volunteer before dispatch turns to the district. */
  minDispatchWindowMs: number;
}

/**
 * A repair is a matter of days; a training or a childcare class needs a date, a room and a
 * trainer, so a month. Urgent wishes get half the time.
 */
export const DEFAULT_WISH_POLICY: WishPolicy = {
  moderationMs: 3 * DAY,
  completionMs: {
    first_aid_training: 30 * DAY,
    health_check: 30 * DAY,
    legal_advice: 7 * DAY,
    childcare_class: 30 * DAY,
    repair: 3 * DAY,
    job_seeking: 14 * DAY,
    facilities: 30 * DAY,
    other: 14 * DAY,
  },
  urgentFactor: 0.5,
  confirmationMs: 7 * DAY,
  minDispatchWindowMs: HOUR,
};

/** Every duration multiplied by `scale`: tests and benchmarks run a month in seconds. */
export function scaledPolicy(scale: number, base: WishPolicy = DEFAULT_WISH_POLICY): WishPolicy {
  const completionMs = Object.fromEntries(
    Object.entries(base.completionMs).map(([category, ms]) => [category, Math.round(ms * scale)]),
  ) as Record<WishCategory, number>;
  return {
    moderationMs: Math.round(base.moderationMs * scale),
    completionMs,
    urgentFactor: base.urgentFactor,
    confirmationMs: Math.round(base.confirmationMs * scale),
    minDispatchWindowMs: Math.round(base.minDispatchWindowMs * scale),
  };
}

export function completionDeadline(policy: WishPolicy, category: WishCategory, urgency: WishUrgency, from: Date): string {
  const ms = policy.completionMs[category] * (urgency === 'urgent' ? policy.urgentFactor : 1);
  return new Date(from.getTime() + ms).toISOString();
}

/**
 * Unless the officer names one, the street has half the time left before the earliest wish of
 * the group is due to find a volunteer; the district's volunteers get the other half.
 */
export function defaultDispatchDeadline(policy: WishPolicy, earliestWishDeadline: string | null, now: Date): string {
  const remaining = earliestWishDeadline ? Date.parse(earliestWishDeadline) - now.getTime() : 0;
  return new Date(now.getTime() + Math.max(remaining / 2, policy.minDispatchWindowMs)).toISOString();
}
