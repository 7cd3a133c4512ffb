import { compileOpeningHours } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { IndexedStation } from './indexed-station';

/**
 * Opening intervals as flat [start, end) minute-of-week pairs: one small typed array per station
 * instead of an array of pair arrays, fewer objects to allocate, collect and chase per candidate.
 */
export type OpeningIntervals = Int32Array | 'always';

/** A station prepared for filtering: facilities as a mask, hours compiled once per upsert. */
export interface StationEntry {
  readonly station: IndexedStation;
  readonly facilityMask: number;
  readonly openingIntervals: OpeningIntervals;
  /** The first instant (ms) the station serves again: -Infinity when active, Infinity when closed. */
  readonly servingFromMs: number;
  /** Where the latest snapshot holds this entry (-1: not in it), so retiring needs no id lookup. */
  snapshotSlot: number;
}

/** What one query asks of every candidate, computed once per query. */
export interface ServingFilter {
  atMs: number;
  /** The minute of the week the station must be open at by its hours; null: any hour (in service is enough). */
  minuteOfWeek: number | null;
  requiredFacilities: number;
}

export function toStationEntry(station: IndexedStation, facilityMask: number): StationEntry {
  return {
    station,
    facilityMask,
    openingIntervals: flatten(compileOpeningHours(station.hours)),
    servingFromMs: servingFrom(station),
    snapshotSlot: -1,
  };
}

export function isServing(entry: StationEntry, filter: ServingFilter): boolean {
  return (
    hasStatusAndFacilities(entry.servingFromMs, entry.facilityMask, filter) &&
    keepsHoursOf(entry.openingIntervals, filter)
  );
}

/** Open at the filter's minute of the week, or — a filter asking for no hour — at all. */
export function keepsHoursOf(intervals: OpeningIntervals, filter: ServingFilter): boolean {
  return filter.minuteOfWeek === null || isOpenAtMinuteOfWeek(intervals, filter.minuteOfWeek);
}

/** The checks that need no more than two numbers, so the snapshot can run them on flat arrays. */
export function hasStatusAndFacilities(servingFromMs: number, facilityMask: number, filter: ServingFilter): boolean {
  return filter.atMs >= servingFromMs && (facilityMask & filter.requiredFacilities) === filter.requiredFacilities;
}

function servingFrom(station: IndexedStation): number {
  switch (station.status) {
    case 'active':
      return -Infinity;
    case 'closed':
      return Infinity;
    case 'suspended': {
      // No date, or one we cannot read, means suspended until further notice: never send workers there.
      const until = station.suspendedUntil === undefined ? NaN : Date.parse(station.suspendedUntil);
      return Number.isNaN(until) ? Infinity : until;
    }
    default:
      return assertNever(station.status, 'station status');
  }
}

/**
 * The [start, end) rule of isOpenAt from @ws/contracts, taking the minute of the week instead of
 * a Date: a query converts its instant once instead of once per candidate.
 */
export function isOpenAtMinuteOfWeek(intervals: OpeningIntervals, minute: number): boolean {
  if (intervals === 'always') return true;
  for (let i = 0; i < intervals.length; i += 2) {
    if (minute >= intervals[i] && minute < intervals[i + 1]) return true;
  }
  return false;
}

function flatten(compiled: ReturnType<typeof compileOpeningHours>): OpeningIntervals {
  if (compiled === 'always') return compiled;
  const flat = new Int32Array(2 * compiled.length);
  compiled.forEach(([start, end], i) => {
    flat[2 * i] = start;
    flat[2 * i + 1] = end;
  });
  return flat;
}
