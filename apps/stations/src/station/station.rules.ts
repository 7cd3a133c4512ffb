import {
  compileOpeningHours,
  isFacilityCode,
  isInsideChina,
  isStationHost,
  isStationKind,
  isStationTier,
  type FacilityCode,
  type GeoPoint,
  type OpeningHours,
  type StationDetails,
} from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../errors';

/**
 * The checks a command's values must pass whatever sent it (HTTP, a reaction, a tool). Each
 * returns the refusal or null, so a decider chains them with `??`.
 */
export type Check = DomainError | null;

export const NAME_MAX = 100;
export const ADDRESS_MAX = 200;
export const REASON_MAX = 200;
export const TITLE_MAX = 100;
export const SEATS_MAX = 500;
export const OPENING_PERIODS_MAX = 50;

/** 街道/乡镇: 9 digits; 社区/村: 12 digits beginning with its street's code (GB/T 2260 extended, 统计用区划代码). */
export const STREET_CODE = /^\d{9}$/;
export const COMMUNITY_CODE = /^\d{12}$/;
/** A landline with area code (0571-87654321, extension allowed), a mobile, or a 5-digit hotline such as 12351. */
export const PHONE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|\d{5})$/;
/** A person's id (UUID), never a name: the manager's name lives with the people who manage people. */
export const PERSON_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** HH:MM from 00:00 to 23:59; a closing time may also be 24:00. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const CLOSING_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export function checkText(value: unknown, field: string, max: number): Check {
  if (typeof value !== 'string' || value.trim().length === 0 || value.trim().length > max) {
    return stationsError('invalid_text', `${field} 不能为空，且不超过 ${max} 个字`, field);
  }
  return null;
}

export function checkLocation(location: GeoPoint, field = 'location'): Check {
  if (location === null || typeof location !== 'object' || !isInsideChina(location)) {
    return stationsError('invalid_location', '坐标应为中国境内的 WGS-84 经纬度（经度 73.5–135.1，纬度 18.1–53.6）', field);
  }
  return null;
}

export function checkPlace(streetCode: string, communityCode: string | null): Check {
  if (typeof streetCode !== 'string' || !STREET_CODE.test(streetCode)) {
    return stationsError('invalid_street_code', '街道（乡镇）代码应为9位数字', 'streetCode');
  }
  if (communityCode !== null && (typeof communityCode !== 'string' || !COMMUNITY_CODE.test(communityCode) || !communityCode.startsWith(streetCode))) {
    return stationsError('invalid_community_code', '社区（村）代码应为12位数字，且属于所填街道', 'communityCode');
  }
  return null;
}

/**
 * Weekly hours: every period on a real weekday with valid times, not empty, and no two periods
 * overlapping (counting periods that run past midnight into the next day).
 */
export function checkOpeningHours(hours: OpeningHours, field = 'hours'): Check {
  const refuse = (why: string) => stationsError('invalid_opening_hours', `开放时间无效：${why}`, field);
  if (hours === null || typeof hours !== 'object') return refuse('缺少开放时间');
  if (hours.open24h === true) {
    return (hours as { weekly?: unknown }).weekly === undefined ? null : refuse('24小时开放时不应再填每周时段');
  }
  if (hours.open24h !== false || !Array.isArray(hours.weekly)) return refuse('应为 24 小时开放或每周时段');
  if (hours.weekly.length === 0 || hours.weekly.length > OPENING_PERIODS_MAX) return refuse(`每周时段应为 1–${OPENING_PERIODS_MAX} 段`);
  for (const period of hours.weekly) {
    if (!Number.isInteger(period.day) || period.day < 1 || period.day > 7) return refuse('星期应为 1–7');
    if (!CLOCK_TIME.test(period.open) || !CLOSING_TIME.test(period.close)) return refuse('时间应为 HH:MM');
    if (period.open === period.close) return refuse('开门与关门时间相同');
  }
  const intervals = compileOpeningHours(hours) as Array<[number, number]>;
  for (let i = 1; i < intervals.length; i++) {
    if (intervals[i]![0] < intervals[i - 1]![1]) return refuse('时段相互重叠');
  }
  return null;
}

export function checkFacilities(facilities: readonly FacilityCode[]): Check {
  if (!Array.isArray(facilities)) return stationsError('unknown_facility', '设施应为列表', 'facilities');
  const unknown = facilities.filter((code) => !isFacilityCode(code));
  if (unknown.length > 0) {
    return stationsError('unknown_facility', `未知设施：${unknown.join(', ')}`, 'facilities', { unknown });
  }
  return null;
}

export function checkSeats(seats: number | null): Check {
  if (seats !== null && (!Number.isInteger(seats) || seats < 0 || seats > SEATS_MAX)) {
    return stationsError('invalid_seats', `座位数应为 0–${SEATS_MAX} 的整数`, 'seats');
  }
  return null;
}

export function checkContactPhone(phone: string | null): Check {
  if (phone !== null && (typeof phone !== 'string' || !PHONE.test(phone))) {
    return stationsError('invalid_contact_phone', '联系电话应为驿站的固定电话、值班手机或服务热线', 'contactPhone');
  }
  return null;
}

export function checkManagerId(managerId: string | null): Check {
  if (managerId !== null && (typeof managerId !== 'string' || !PERSON_ID.test(managerId))) {
    return stationsError('invalid_manager_id', '站长应以人员编号（UUID）指定，不填姓名', 'managerId');
  }
  return null;
}

/** The editable details other than the place; a registration also checks the place. */
export function checkDetails(details: Partial<StationDetails>): Check {
  return (
    (details.name !== undefined ? checkText(details.name, 'name', NAME_MAX) : null) ??
    (details.kind !== undefined && !isStationKind(details.kind) ? stationsError('unknown_station_kind', `未知驿站类型：${details.kind}`, 'kind') : null) ??
    (details.tier !== undefined && !isStationTier(details.tier) ? stationsError('unknown_station_tier', `未知驿站层级：${details.tier}`, 'tier') : null) ??
    (details.host !== undefined && !isStationHost(details.host) ? stationsError('unknown_station_host', `未知承建方：${details.host}`, 'host') : null) ??
    (details.hours !== undefined ? checkOpeningHours(details.hours) : null) ??
    (details.seats !== undefined ? checkSeats(details.seats) : null) ??
    (details.contactPhone !== undefined ? checkContactPhone(details.contactPhone) : null)
  );
}

export function checkPlaceDetails(place: Pick<StationDetails, 'streetCode' | 'communityCode' | 'address' | 'location'>): Check {
  return checkPlace(place.streetCode, place.communityCode) ?? checkText(place.address, 'address', ADDRESS_MAX) ?? checkLocation(place.location);
}

/** A plain copy in canonical order (by day, then opening time), so equal hours compare equal however they were sent. */
export function normaliseOpeningHours(hours: OpeningHours): OpeningHours {
  if (hours.open24h) return { open24h: true };
  const weekly = hours.weekly
    .map(({ day, open, close }) => ({ day, open, close }))
    .sort((a, b) => a.day - b.day || minutesOf(a.open) - minutesOf(b.open));
  return { open24h: false, weekly };
}
