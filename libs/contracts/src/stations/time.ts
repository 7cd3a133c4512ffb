import { shanghaiDayAndHour } from './opening-hours';

/**
 * An ISO 8601 instant with an explicit zone (`Z` or `±HH:MM`): a time without one is ambiguous
 * between a kiosk's local clock and UTC, so it is refused rather than guessed.
 */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant, or null if the text is not a real zoned ISO 8601 instant (2026-02-30T… is not). */
export function parseIsoInstant(text: unknown): Date | null {
  if (typeof text !== 'string' || !ISO_INSTANT.test(text) || !isCalendarDate(text.slice(0, 10))) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** True for a real YYYY-MM-DD date. */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = CALENDAR_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date (YYYY-MM-DD) in Asia/Shanghai. */
export function shanghaiToday(now: Date): string {
  return shanghaiDayAndHour(now).day;
}

/** The current year in Asia/Shanghai: reviews and honours are by calendar year there. */
export function shanghaiYear(now: Date): number {
  return Number(shanghaiToday(now).slice(0, 4));
}

/**
 * YYYY-MM of the `count` calendar months in Asia/Shanghai up to and including the current one,
 * oldest first: the months a dashboard chart shows.
 */
export function shanghaiMonths(now: Date, count: number): string[] {
  const [year, month] = shanghaiToday(now).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, month - count + i, 1)).toISOString().slice(0, 7));
}
