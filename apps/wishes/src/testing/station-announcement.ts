import type { StationRegistered } from '@ws/contracts';
import { newId } from '@ws/kernel';

/** A community micro-station as the stations context announces it (StationRegistered's data). */
export function stationAnnouncement(streetCode: string, overrides: Partial<StationRegistered['data']> = {}): StationRegistered['data'] {
  return {
    stationId: newId(),
    name: '测试社区微站',
    kind: 'station',
    tier: 'community',
    host: 'community_centre',
    streetCode,
    communityCode: `${streetCode}001`,
    address: '测试路 1 号',
    location: { lng: 118.87, lat: 28.94 },
    hours: { kind: 'always' },
    seats: 6,
    contactPhone: null,
    managerId: null,
    facilities: [],
    ...overrides,
  } as unknown as StationRegistered['data'];
}
