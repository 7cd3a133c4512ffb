import { isCalendarDate, isVisitOccupation, type OccupationCount, shanghaiToday } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../errors';
import type { Check } from '../station/station.rules';

export const WELFARE_QUANTITY_MAX = 1_000_000;
export const PEOPLE_REACHED_MAX = 1_000_000;
/** Cards taken at one handout: a handout to more people is counted without them. */
export const MEMBER_CARDS_MAX = 1000;
/** A member card as the check-ins take it: 6–20 letters or digits, kept upper case. */
const MEMBER_CARD = /^[A-Z0-9]{6,20}$/;
/** 1 亿元 in fen: more than any one receipt or handout of a union's welfare. */
export const COST_FEN_MAX = 10_000_000_000;

/** A day recorded after the fact: a real date, not after today (Shanghai). */
export function checkPastDay(value: unknown, field: string, now: Date): Check {
  if (!isCalendarDate(value)) return stationsError('invalid_welfare_date', `${field} 应为有效日期 YYYY-MM-DD`, field);
  return value > shanghaiToday(now) ? stationsError('welfare_date_in_future', `${field} 晚于今天：发生后再登记`, field) : null;
}

export function checkQuantity(value: unknown, field: string, max: number): Check {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max ? null : stationsError('invalid_quantity', `${field} 应为 1–${max} 的整数`, field);
}

/** Money in fen (分): a whole number, never a float, never negative. */
export function checkFen(value: unknown, field: string): Check {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= COST_FEN_MAX
    ? null
    : stationsError('invalid_amount', `${field} 应为以分计的非负整数（最多 ${COST_FEN_MAX} 分）`, field);
}

/** Occupations counted once each, none of them more than the people reached, together not more either. */
export function checkOccupations(occupations: OccupationCount[], peopleReached: number): Check {
  const seen = new Set<string>();
  let total = 0;
  for (const { occupation, people } of occupations) {
    if (!isVisitOccupation(occupation)) return stationsError('unknown_occupation', `未知职业：${String(occupation)}`, 'occupations');
    if (seen.has(occupation)) return stationsError('invalid_occupations', `职业 ${occupation} 重复`, 'occupations');
    if (!Number.isInteger(people) || people < 1) return stationsError('invalid_occupations', '各职业人数应为正整数', 'occupations');
    seen.add(occupation);
    total += people;
  }
  return total > peopleReached ? stationsError('invalid_occupations', `各职业人数合计 ${total} 多于受惠人数 ${peopleReached}`, 'occupations') : null;
}

/** The member cards shown at a handout, trimmed and upper-cased; each once. The error never repeats a card. */
export function memberCardsOf(cards: readonly string[]): string[] | DomainError {
  const normalised = cards.map((card) => card.trim().toUpperCase());
  if (normalised.some((card) => !MEMBER_CARD.test(card))) return stationsError('invalid_member_card', '会员卡号应为 6–20 位字母或数字', 'memberCards');
  if (new Set(normalised).size !== normalised.length) return stationsError('invalid_member_cards', '同一张会员卡在一次发放中只能登记一次', 'memberCards');
  return normalised;
}
