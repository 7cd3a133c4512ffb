/**
 * When a station is open, in Asia/Shanghai local time (China has one time zone and no DST,
 * so local time is UTC+8 all year). Days are ISO weekdays, 1 = Monday … 7 = Sunday.
 * A period may close after midnight (close < open), e.g. 18:00–02:00.
 */
export type OpeningHours = { open24h: true } | { open24h: false; weekly: OpeningPeriod[] };

export interface OpeningPeriod {
  day: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  open: string; // HH:MM
  close: string; // HH:MM, 24:00 allowed
}

const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const MINUTES_PER_WEEK = 7 * 24 * 60;

export function parseClock(hhmm: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`not a HH:MM time: ${hhmm}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 24 * 60) throw new Error(`time after 24:00: ${hhmm}`);
  return minutes;
}

/** Minutes since Monday 00:00 Asia/Shanghai for an instant. */
export function minuteOfWeekInShanghai(at: Date): number {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000);
  const isoDay = ((local.getUTCDay() + 6) % 7) + 1;
  return (isoDay - 1) * 24 * 60 + local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** The calendar date (YYYY-MM-DD) and hour in Asia/Shanghai: how visits are bucketed. */
export function shanghaiDayAndHour(at: Date): { day: string; hour: number } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000);
  return { day: local.toISOString().slice(0, 10), hour: local.getUTCHours() };
}

/**
 * Compiles weekly hours into sorted [start, end) minute-of-week intervals, so "open at t" is
 * a scan over a handful of numbers (the nearest-station index calls it per candidate).
 */
export function compileOpeningHours(hours: OpeningHours): Array<[number, number]> | 'always' {
  if (hours.open24h) return 'always';
  const intervals: Array<[number, number]> = [];
  for (const period of hours.weekly) {
    const start = (period.day - 1) * 24 * 60 + parseClock(period.open);
    let end = (period.day - 1) * 24 * 60 + parseClock(period.close);
    if (end <= start) end += 24 * 60; // closes after midnight
    if (end <= MINUTES_PER_WEEK) intervals.push([start, end]);
    else intervals.push([start, MINUTES_PER_WEEK], [0, end - MINUTES_PER_WEEK]); // Sunday night into Monday
  }
  return intervals.sort((a, b) => a[0] - b[0]);
}

export function isOpenAt(compiled: Array<[number, number]> | 'always', at: Date): boolean {
  if (compiled === 'always') return true;
  const minute = minuteOfWeekInShanghai(at);
  for (const [start, end] of compiled) {
    if (minute >= start && minute < end) return true;
  }
  return false;
}
