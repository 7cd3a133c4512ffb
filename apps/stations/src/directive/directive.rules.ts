import { isCalendarDate, shanghaiToday } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../errors';
import type { DirectiveState } from './directive.decider';

/** A directive runs for at most this many years: beyond that it is a typo, not a plan. */
export const MAX_DEADLINE_YEARS = 10;

/** The deadline is a real date, today (Asia/Shanghai) or later, and within MAX_DEADLINE_YEARS. */
export function checkDeadline(deadline: string, now: Date): DomainError | null {
  const today = shanghaiToday(now);
  const latest = `${Number(today.slice(0, 4)) + MAX_DEADLINE_YEARS}${today.slice(4)}`;
  if (!isCalendarDate(deadline) || deadline < today || deadline > latest) {
    return stationsError('invalid_deadline', `期限应为今天（${today}）至 ${latest} 之间的日期（YYYY-MM-DD）`, 'deadline');
  }
  return null;
}

/** Withdrawing and amending need a directive that was issued and still stands. */
export function checkStanding(directiveId: string, state: DirectiveState): DomainError | null {
  if (!state.issued) return stationsError('directive_not_found', `没有编号为 ${directiveId} 的指令`);
  if (state.withdrawn) return stationsError('directive_withdrawn', '该指令已撤回');
  return null;
}
