import { AvailabilitySlot, minuteOfWeekInShanghai, parseClock } from '@ws/contracts';

const MINUTES_PER_WEEK = 7 * 24 * 60;
const MINUTES_PER_DAY = 24 * 60;
export const MAX_AVAILABILITY_SLOTS = 42;

/** Why a weekly availability is unusable, or null when it is fine. */
export function availabilityProblem(slots: readonly AvailabilitySlot[]): string | null {
  if (slots.length > MAX_AVAILABILITY_SLOTS) return `最多 ${MAX_AVAILABILITY_SLOTS} 个时段`;
  for (const [index, slot] of slots.entries()) {
    if (!Number.isInteger(slot.day) || slot.day < 1 || slot.day > 7) return `第 ${index + 1} 个时段的星期无效`;
    let from: number;
    let to: number;
    try {
      from = parseClock(slot.from);
      to = parseClock(slot.to);
    } catch {
      return `第 ${index + 1} 个时段的时间应为 HH:MM`;
    }
    if (to <= from) return `第 ${index + 1} 个时段结束早于开始`;
  }
  return null;
}

/** Slots as sorted [start, end) minute-of-week intervals (Asia/Shanghai). */
export function compileAvailability(slots: readonly AvailabilitySlot[]): Array<[number, number]> {
  return slots
    .map((slot): [number, number] => {
      const base = (slot.day - 1) * MINUTES_PER_DAY;
      return [base + parseClock(slot.from), base + parseClock(slot.to)];
    })
    .sort((a, b) => a[0] - b[0]);
}

export function isAvailableAt(slots: readonly AvailabilitySlot[], at: Date): boolean {
  const minute = minuteOfWeekInShanghai(at);
  return compileAvailability(slots).some(([start, end]) => minute >= start && minute < end);
}

/** True if some slot overlaps [from, to): the volunteer can fit the task in before the deadline. */
export function isAvailableWithin(slots: readonly AvailabilitySlot[], from: Date, to: Date): boolean {
  const span = Math.floor((to.getTime() - from.getTime()) / 60_000);
  if (span <= 0 || slots.length === 0) return false;
  const intervals = compileAvailability(slots);
  if (span >= MINUTES_PER_WEEK) return intervals.length > 0;
  const start = minuteOfWeekInShanghai(from);
  const end = start + span;
  // The window may wrap past Sunday midnight: test it against this week's and next week's copy.
  return intervals.some(([s, e]) => (s < end && e > start) || (s + MINUTES_PER_WEEK < end && e + MINUTES_PER_WEEK > start));
}
