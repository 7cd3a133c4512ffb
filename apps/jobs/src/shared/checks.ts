import { AvailabilitySlot, GeoPoint, isInsideChina, ISO_INSTANT } from '@ws/contracts';
import { DomainError } from '@ws/kernel';
import { jobsError } from '../errors';

/** A 街道 code: the 6-digit district (GB/T 2260) and 3 digits of the street. */
export function checkStreetCode(value: string, field: string): DomainError | null {
  return /^[0-9a-z]{6}\d{3}$/.test(value) ? null : jobsError('validation_failed', '街道代码应为9位：区县代码加3位数字', field);
}

export function checkLocation(point: GeoPoint, field: string): DomainError | null {
  return isInsideChina(point) ? null : jobsError('validation_failed', '位置不在中国境内（WGS-84 经纬度）', field);
}

/** A householder's home on the public map: 3 decimals, about 100 m. */
export function roundToBlock(point: GeoPoint): GeoPoint {
  return { lng: Math.round(point.lng * 1000) / 1000, lat: Math.round(point.lat * 1000) / 1000 };
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Weekly windows: ISO weekday 1–7, HH:MM–HH:MM (Asia/Shanghai), from before to, at most 21. */
export function checkSlots(slots: readonly AvailabilitySlot[], field: string): DomainError | null {
  if (!Array.isArray(slots) || slots.length > 21) return jobsError('validation_failed', '时间段最多21个', field);
  for (const slot of slots) {
    if (!Number.isInteger(slot.day) || slot.day < 1 || slot.day > 7 || !HH_MM.test(slot.from) || !HH_MM.test(slot.to) || slot.from >= slot.to) {
      return jobsError('validation_failed', '时间段应为星期一至日、HH:MM 开始早于结束', field);
    }
  }
  return null;
}

export function checkMembers<T>(values: readonly unknown[], isMember: (value: unknown) => value is T, field: string, label: string, min = 0): DomainError | null {
  if (!Array.isArray(values) || values.length < min || !values.every(isMember) || new Set(values).size !== values.length) {
    return jobsError('validation_failed', min > 0 ? `请选择${label}（不重复）` : `${label}不在可选范围内`, field);
  }
  return null;
}

export function isInstant(value: string): boolean {
  return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether two sets of weekly windows overlap in any minute. */
export function slotsOverlap(a: readonly AvailabilitySlot[], b: readonly AvailabilitySlot[]): boolean {
  return a.some((x) => b.some((y) => x.day === y.day && x.from < y.to && y.from < x.to));
}

export function firstError(...errors: (DomainError | null)[]): DomainError | null {
  return errors.find((error) => error !== null) ?? null;
}
