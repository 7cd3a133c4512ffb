import type { StationEvent, StationRegistered } from '@ws/contracts';
import type { RegisterStation } from './station.command';

/** Test data: 文昌社区37°C工会驿站 in 柯城 (seed 003), and the events that shape a station's history. */
export const STATION_ID = '01970a3c-5d2e-7c41-9f3a-6b8e2d4c1a00';
export const MANAGER_ID = '01970a3c-5d2e-7c41-9f3a-6b8e2d4c1a01';
export const OTHER_MANAGER_ID = '01970a3c-5d2e-7c41-9f3a-6b8e2d4c1a02';
/** DecideContext.now of spec(): 2026-06-01 10:00 in Asia/Shanghai. */
export const NOW = new Date('2026-06-01T02:00:00.000Z');

export function registerCommand(overrides: Partial<RegisterStation> = {}): RegisterStation {
  return {
    type: 'RegisterStation',
    stationId: STATION_ID,
    name: '文昌社区37°C工会驿站',
    kind: 'station',
    tier: 'community',
    host: 'community_centre',
    streetCode: '330802001',
    communityCode: '330802001003',
    address: '衢州市柯城区府山街道文昌社区',
    location: { lng: 118.8726, lat: 28.9417 },
    hours: { open24h: false, weekly: [1, 2, 3, 4, 5].map((day) => ({ day: day as 1 | 2 | 3 | 4 | 5, open: '08:00', close: '20:00' })) },
    seats: 12,
    contactPhone: '0570-3021234',
    managerId: MANAGER_ID,
    facilities: ['air_conditioning', 'fridge', 'microwave', 'water_dispenser', 'charging', 'tables_chairs'],
    ...overrides,
  };
}

export function registered(overrides: Partial<RegisterStation> = {}): StationRegistered {
  const { type: _type, ...data } = registerCommand(overrides);
  return { type: 'StationRegistered', data };
}

export const suspended: StationEvent = { type: 'StationSuspended', data: { stationId: STATION_ID, reason: '场地装修', until: null } };
export const closed: StationEvent = { type: 'StationClosed', data: { stationId: STATION_ID, reason: '合作单位撤场' } };
