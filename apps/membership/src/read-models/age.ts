const HOUR_MS = 3_600_000;

/** Hours from `since` to `now`, to one decimal: how long an application or a transfer has waited. */
export function ageHours(now: Date, since: Date | string): number {
  return Math.round(((now.getTime() - new Date(since).getTime()) / HOUR_MS) * 10) / 10;
}
