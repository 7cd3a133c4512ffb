import { isCalendarDate } from '@ws/contracts';
import { stationsError } from '../errors';
import { type Check, checkText, NAME_MAX } from '../station/station.rules';

export const ACTIVITY_TITLE_MAX = 100;
export const PARTNERS_MAX = 10;
export const PLACES_MAX = 10_000;
export const PARTICIPANTS_MAX = 100_000;
export const ACTIVITY_PHOTOS_MAX = 9;

export function checkActivityDate(value: unknown, field: string): Check {
  return isCalendarDate(value) ? null : stationsError('invalid_activity_date', `${field} 应为有效日期 YYYY-MM-DD`, field);
}

export function checkPartners(partners: unknown): Check {
  if (!Array.isArray(partners) || partners.length > PARTNERS_MAX) {
    return stationsError('invalid_text', `合作单位最多 ${PARTNERS_MAX} 个`, 'partners');
  }
  for (const partner of partners) {
    const refusal = checkText(partner, 'partners', NAME_MAX);
    if (refusal) return refusal;
  }
  return null;
}

export function checkCount(value: unknown, field: string, max: number): Check {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > max) {
    return stationsError('invalid_count', `${field} 应为 0–${max} 的整数`, field);
  }
  return null;
}
