import { compileOpeningHours, minuteOfWeekInShanghai, shanghaiDayAndHour } from '@ws/contracts';
import type { OpeningHours, ServiceCode, ServiceSchedule } from '@ws/contracts';

const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

export interface OpenState {
  now: boolean;
  open24h: boolean;
  /** While open: closing time today (HH:MM, 24:00 at midnight). */
  until: string | null;
  /** While closed: when it opens next, e.g. "明天 08:00", "周三 08:00", "今天 14:00". */
  next: string | null;
}

const clock = (minuteOfDay: number) => `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;

const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/**
 * Open now or not, until when or from when: what a rider standing at the door needs (Asia/Shanghai).
 * Walks the week minute by minute from now (at most 10 080 small steps), so periods that run past
 * midnight or from Sunday into Monday need no special case.
 */
export function openState(hours: OpeningHours, status: string, at: Date): OpenState {
  if (status !== 'active') return { now: false, open24h: false, until: null, next: null };
  const compiled = compileOpeningHours(hours);
  if (compiled === 'always') return { now: true, open24h: true, until: null, next: null };
  const openAt = (minute: number) => {
    const m = minute % MINUTES_PER_WEEK;
    return compiled.some(([start, end]) => m >= start && m < end);
  };
  const now = minuteOfWeekInShanghai(at);
  const isOpen = openAt(now);
  let step = 1;
  while (step < MINUTES_PER_WEEK && openAt(now + step) === isOpen) step++;
  if (step >= MINUTES_PER_WEEK) return { now: isOpen, open24h: false, until: null, next: null };
  const change = now + step;
  const minuteOfDay = change % MINUTES_PER_DAY;
  if (isOpen) return { now: true, open24h: false, until: step >= MINUTES_PER_DAY ? null : clock(minuteOfDay === 0 ? MINUTES_PER_DAY : minuteOfDay), next: null };
  const daysAhead = Math.floor(change / MINUTES_PER_DAY) - Math.floor(now / MINUTES_PER_DAY);
  const when = daysAhead === 0 ? '今天' : daysAhead === 1 ? '明天' : WEEKDAY_NAMES[Math.floor(change / MINUTES_PER_DAY) % 7]!;
  return { now: false, open24h: false, until: null, next: `${when} ${clock(minuteOfDay)}` };
}

export interface ServiceToday {
  code: string;
  start: string;
  end: string;
}

/** The services held at the station today (weekly slots on this weekday, dated sessions of this date). */
export function servicesToday(services: Array<{ service: string; schedule: ServiceSchedule }>, at: Date): ServiceToday[] {
  const { day } = shanghaiDayAndHour(at);
  const weekday = Math.floor(minuteOfWeekInShanghai(at) / MINUTES_PER_DAY) + 1;
  const today: ServiceToday[] = [];
  for (const { service, schedule } of services) {
    const slots = schedule.kind === 'weekly' ? schedule.slots.filter((slot) => slot.day === weekday) : schedule.sessions.filter((session) => session.date === day);
    for (const slot of slots) today.push({ code: service as ServiceCode, start: slot.start, end: slot.end });
  }
  return today.sort((a, b) => a.start.localeCompare(b.start));
}

/** Opening hours in words for paper: "24小时开放", "每天 08:00–20:00", or day by day. */
export function hoursText(hours: OpeningHours): string {
  if (hours.open24h) return '24小时开放';
  const periods = [...hours.weekly].sort((a, b) => a.day - b.day || a.open.localeCompare(b.open));
  if (periods.length === 0) return '暂无固定开放时间';
  const same = periods.every((p) => p.open === periods[0]!.open && p.close === periods[0]!.close);
  const days = new Set(periods.map((p) => p.day));
  if (same && days.size === 7 && periods.length === 7) return `每天 ${periods[0]!.open}–${periods[0]!.close}`;
  return periods.map((p) => `${WEEKDAY_NAMES[p.day - 1]} ${p.open}–${p.close}`).join('；');
}
