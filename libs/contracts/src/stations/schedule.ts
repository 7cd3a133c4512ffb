/**
 * When a service (义诊, 法律咨询, 爱心托班 …) is held at a station, in Asia/Shanghai local time:
 * either every week in fixed slots, or on dated sessions (a health-check day, a summer class).
 * A slot never crosses midnight (start < end); times are HH:MM.
 */
export type ServiceSchedule = { kind: 'weekly'; slots: WeeklySlot[] } | { kind: 'sessions'; sessions: DatedSession[] };

export interface WeeklySlot {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  day: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  start: string;
  end: string;
}

export interface DatedSession {
  /** YYYY-MM-DD, Asia/Shanghai. */
  date: string;
  start: string;
  end: string;
}

export const SCHEDULE_KINDS = ['weekly', 'sessions'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];
