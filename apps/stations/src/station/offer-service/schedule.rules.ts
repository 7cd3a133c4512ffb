import { isCalendarDate, shanghaiToday, type ServiceSchedule } from '@ws/contracts';
import { stationsError } from '../../errors';
import { CLOCK_TIME, CLOSING_TIME, minutesOf, type Check } from '../station.rules';

export const SCHEDULE_ITEMS_MAX = 100;

interface TimedItem {
  /** Items on the same key (weekday or date) must not overlap. */
  key: string;
  start: string;
  end: string;
}

/**
 * A schedule holds 1–100 slots or sessions, each within one day (start before end), none
 * overlapping another on the same day; dated sessions are not in the past (Asia/Shanghai).
 */
export function checkSchedule(schedule: ServiceSchedule, now: Date): Check {
  const refuse = (why: string) => stationsError('invalid_schedule', `服务安排无效：${why}`, 'schedule');
  if (schedule === null || typeof schedule !== 'object') return refuse('缺少服务安排');
  let items: TimedItem[];
  if (schedule.kind === 'weekly') {
    if (!Array.isArray(schedule.slots)) return refuse('每周安排应有时段列表');
    if (schedule.slots.some((slot) => !Number.isInteger(slot.day) || slot.day < 1 || slot.day > 7)) return refuse('星期应为 1–7');
    items = schedule.slots.map((slot) => ({ key: String(slot.day), start: slot.start, end: slot.end }));
  } else if (schedule.kind === 'sessions') {
    if (!Array.isArray(schedule.sessions)) return refuse('按场次安排应有场次列表');
    const today = shanghaiToday(now);
    if (schedule.sessions.some((session) => !isCalendarDate(session.date))) return refuse('日期应为 YYYY-MM-DD');
    if (schedule.sessions.some((session) => session.date < today)) return refuse('场次日期不能早于今天');
    items = schedule.sessions.map((session) => ({ key: session.date, start: session.start, end: session.end }));
  } else {
    return refuse('类型应为 weekly 或 sessions');
  }
  if (items.length === 0 || items.length > SCHEDULE_ITEMS_MAX) return refuse(`应有 1–${SCHEDULE_ITEMS_MAX} 个时段`);
  if (items.some((item) => !CLOCK_TIME.test(item.start) || !CLOSING_TIME.test(item.end))) return refuse('时间应为 HH:MM');
  if (items.some((item) => minutesOf(item.start) >= minutesOf(item.end))) return refuse('开始时间应早于结束时间');
  const sorted = [...items].sort((a, b) => a.key.localeCompare(b.key) || minutesOf(a.start) - minutesOf(b.start));
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const item = sorted[i]!;
    if (item.key === previous.key && minutesOf(item.start) < minutesOf(previous.end)) return refuse('同一天的时段相互重叠');
  }
  return null;
}

/** A plain copy in canonical order, so offering the same schedule again is recognised as no change. */
export function normaliseSchedule(schedule: ServiceSchedule): ServiceSchedule {
  if (schedule.kind === 'weekly') {
    const slots = schedule.slots.map(({ day, start, end }) => ({ day, start, end })).sort((a, b) => a.day - b.day || minutesOf(a.start) - minutesOf(b.start));
    return { kind: 'weekly', slots };
  }
  const sessions = schedule.sessions
    .map(({ date, start, end }) => ({ date, start, end }))
    .sort((a, b) => a.date.localeCompare(b.date) || minutesOf(a.start) - minutesOf(b.start));
  return { kind: 'sessions', sessions };
}
