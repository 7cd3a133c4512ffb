/** Asia/Shanghai has no daylight saving: local time is UTC+8 all year. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Minutes since Shanghai midnight. */
export function shanghaiMinuteOfDay(at: Date): number {
  return Math.floor(((at.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) / 60_000);
}

/** The instant of Shanghai midnight starting the day of `at`. */
export function shanghaiMidnight(at: Date): Date {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(local - (local % DAY_MS) - SHANGHAI_OFFSET_MS);
}

/** The instant `minuteOfDay` minutes after Shanghai midnight of the day `days` after the day of `at`. */
export function shanghaiAt(at: Date, days: number, minuteOfDay: number): Date {
  return new Date(shanghaiMidnight(at).getTime() + days * DAY_MS + minuteOfDay * 60_000);
}

/** 6月1日 14:30 */
export function shanghaiLabel(at: Date | string): string {
  const local = new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** 2026年6月1日 from YYYY-MM-DD. */
export function dateLabel(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
}
