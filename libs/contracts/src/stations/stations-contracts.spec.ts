import { OCCUPATION_LABELS, OCCUPATIONS } from '../occupations';
import { isFacilityCode, isVisitOccupation } from './codes';
import { isStationEventType, STATION_EVENT_AGGREGATES, STATION_EVENT_SCHEMAS, STATION_EVENT_TYPES, STATIONS_AGGREGATES } from './events';
import { isInsideChina } from './location';
import { isCalendarDate, parseIsoInstant, shanghaiMonths, shanghaiToday, shanghaiYear } from './time';

describe('stations contracts', () => {
  it('give every event type a schema version and an aggregate of the context', () => {
    const aggregates = Object.values(STATIONS_AGGREGATES) as string[];
    for (const type of STATION_EVENT_TYPES) {
      expect(STATION_EVENT_SCHEMAS[type]).toBeGreaterThanOrEqual(1);
      expect(aggregates).toContain(STATION_EVENT_AGGREGATES[type]);
    }
    expect(STATION_EVENT_AGGREGATES.VisitsRecorded).toBe('checkins');
    expect(STATION_EVENT_AGGREGATES.StandardAdopted).toBe('node-standard');
    expect(isStationEventType('StationRegistered')).toBe(true);
    expect(isStationEventType('toString')).toBe(false);
  });

  it('recognise codes of their own list only', () => {
    expect(isFacilityCode('microwave')).toBe(true);
    expect(isFacilityCode('rider')).toBe(false);
    expect(isVisitOccupation('rider')).toBe(true);
    expect(isVisitOccupation(undefined)).toBe(false);
  });

  it('know the outdoor workers the seeds name beside the gig workers, each with a label', () => {
    for (const code of ['taxi_driver', 'city_management', 'auxiliary_police', 'domestic_worker', 'care_worker']) expect(isVisitOccupation(code)).toBe(true);
    expect(OCCUPATION_LABELS).toMatchObject({ taxi_driver: '出租车司机', city_management: '城管', auxiliary_police: '辅警', domestic_worker: '家政服务员', care_worker: '护工' });
    expect(OCCUPATIONS[OCCUPATIONS.length - 1]).toBe('other');
  });

  it('take points in China (衢州, 漠河, 三亚) and refuse swapped or foreign ones', () => {
    expect(isInsideChina({ lng: 118.87, lat: 28.94 })).toBe(true);
    expect(isInsideChina({ lng: 122.37, lat: 53.48 })).toBe(true);
    expect(isInsideChina({ lng: 109.51, lat: 18.25 })).toBe(true);
    expect(isInsideChina({ lng: 28.94, lat: 118.87 })).toBe(false);
    expect(isInsideChina({ lng: 2.35, lat: 48.86 })).toBe(false);
  });

  it('parse zoned ISO instants only, with real dates', () => {
    expect(parseIsoInstant('2026-06-01T10:00:00+08:00')?.toISOString()).toBe('2026-06-01T02:00:00.000Z');
    expect(parseIsoInstant('2026-06-01T02:00Z')?.toISOString()).toBe('2026-06-01T02:00:00.000Z');
    for (const bad of ['2026-06-01T10:00:00', '2026-06-01', '2026-02-29T10:00:00Z', '2026-06-01T25:00:00Z', 1748743200000]) {
      expect(parseIsoInstant(bad)).toBeNull();
    }
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
  });

  it('date and year in Asia/Shanghai: 16:30 UTC on New Year’s Eve is already the new year', () => {
    const instant = new Date('2025-12-31T16:30:00Z');
    expect(shanghaiToday(instant)).toBe('2026-01-01');
    expect(shanghaiYear(instant)).toBe(2026);
  });

  it('the last months in Asia/Shanghai, oldest first, across a year boundary', () => {
    expect(shanghaiMonths(new Date('2026-01-15T00:00:00Z'), 3)).toEqual(['2025-11', '2025-12', '2026-01']);
    // 31 Jan 17:00 UTC is 1 Feb 01:00 in Shanghai.
    expect(shanghaiMonths(new Date('2026-01-31T17:00:00Z'), 2)).toEqual(['2026-01', '2026-02']);
    expect(shanghaiMonths(new Date('2026-06-15T00:00:00Z'), 12)).toHaveLength(12);
    expect(shanghaiMonths(new Date('2026-06-15T00:00:00Z'), 12)[0]).toBe('2025-07');
  });
});
