import { compileOpeningHours, isOpenAt } from '@ws/contracts';
import { FixedClock } from '@ws/kernel';
import { NearestIndex, type IndexedStation, type NearestQuery } from './nearest-index';
import { seededRandom } from '@ws/kernel';
import { randomInstantInWeek, randomStation, type StationMix } from './random-stations';

// 2030-01-07 is a Monday; Shanghai is UTC+8, so 10:00 Shanghai is 02:00Z.
const mondayShanghai = (hhmm: string, dayOffset = 0) =>
  new Date(Date.parse(`2030-01-07T${hhmm}:00+08:00`) + dayOffset * 24 * 3600_000);
const MONDAY_10 = mondayShanghai('10:00');

const KM_PER_DEGREE_LAT = 111.195;

function station(id: string, northKm: number, overrides: Partial<IndexedStation> = {}): IndexedStation {
  return {
    id,
    name: `station ${id}`,
    lng: 120,
    lat: 30 + northKm / KM_PER_DEGREE_LAT,
    facilities: [],
    hours: { open24h: true },
    status: 'active',
    tier: 'community',
    kind: 'station',
    ...overrides,
  };
}

const ids = (index: NearestIndex, query: Partial<NearestQuery> = {}) =>
  index.nearest({ lng: 120, lat: 30, k: 10, openAt: MONDAY_10, ...query }).map((r) => r.station.id);

describe('NearestIndex', () => {
  it('returns the k closest stations nearest first, with their distances', () => {
    const index = new NearestIndex();
    index.load([station('c', 3), station('a', 1), station('d', 4), station('b', 2)]);

    const results = index.nearest({ lng: 120, lat: 30, k: 3, openAt: MONDAY_10 });

    expect(results.map((r) => r.station.id)).toEqual(['a', 'b', 'c']);
    expect(results[0].distanceKm).toBeCloseTo(1, 2);
    expect(results[2].distanceKm).toBeCloseTo(3, 2);
  });

  it('keeps to maxDistanceKm', () => {
    const index = new NearestIndex();
    index.load([station('near', 4), station('far', 60)]);

    expect(ids(index)).toEqual(['near']);
    expect(ids(index, { maxDistanceKm: 3 })).toEqual([]);
    expect(ids(index, { maxDistanceKm: 100 })).toEqual(['near', 'far']);
  });

  it('returns only stations with the required facility', () => {
    const index = new NearestIndex();
    index.load([
      station('toilet-only', 1, { facilities: ['toilet'] }),
      station('both', 2, { facilities: ['toilet', 'shower'] }),
      station('shower-only', 3, { facilities: ['shower'] }),
    ]);

    expect(ids(index, { facility: 'shower' })).toEqual(['both', 'shower-only']);
    expect(ids(index, { facility: 'canteen' })).toEqual([]);
  });

  it('skips a station closed at the requested instant (08:00–20:00 Shanghai is closed at 21:00)', () => {
    const index = new NearestIndex();
    const weekdays = ([1, 2, 3, 4, 5] as const).map((day) => ({ day, open: '08:00', close: '20:00' }));
    index.load([station('day-only', 1, { hours: { open24h: false, weekly: weekdays } }), station('always', 5)]);

    expect(ids(index, { openAt: mondayShanghai('19:59') })).toEqual(['day-only', 'always']);
    expect(ids(index, { openAt: mondayShanghai('21:00') })).toEqual(['always']);
    expect(ids(index, { openAt: mondayShanghai('07:59') })).toEqual(['always']);
  });

  it('with anyHour, keeps a station in service whatever its hours, from the tree and from the overlay alike, but not a suspended one', () => {
    const index = new NearestIndex();
    const weekdays = ([1, 2, 3, 4, 5] as const).map((day) => ({ day, open: '08:00', close: '20:00' }));
    index.load([station('day-only', 1, { hours: { open24h: false, weekly: weekdays } }), station('always', 5)]);
    index.upsert(station('late-added', 3, { hours: { open24h: false, weekly: weekdays } }));
    index.upsert(station('repairs', 2, { status: 'suspended', suspendedUntil: '2030-02-01T00:00:00Z' }));

    expect(ids(index, { openAt: mondayShanghai('21:00'), anyHour: true })).toEqual(['day-only', 'late-added', 'always']);
    expect(ids(index, { openAt: mondayShanghai('10:00', 6), anyHour: true })).toEqual(['day-only', 'late-added', 'always']); // a Sunday
    expect(ids(index, { openAt: mondayShanghai('21:00') })).toEqual(['always']);
  });

  it('honours periods that close after midnight, including Sunday night into Monday', () => {
    const index = new NearestIndex();
    index.load([
      station('friday-night', 1, { hours: { open24h: false, weekly: [{ day: 5, open: '18:00', close: '02:00' }] } }),
      station('sunday-night', 2, { hours: { open24h: false, weekly: [{ day: 7, open: '22:00', close: '03:00' }] } }),
    ]);

    expect(ids(index, { openAt: mondayShanghai('01:30', 5) })).toEqual(['friday-night']); // Saturday 01:30
    expect(ids(index, { openAt: mondayShanghai('02:00', 5) })).toEqual([]);
    expect(ids(index, { openAt: mondayShanghai('02:30', 7) })).toEqual(['sunday-night']); // next Monday
    expect(ids(index, { openAt: mondayShanghai('02:30') })).toEqual(['sunday-night']); // this Monday
    expect(ids(index, { openAt: mondayShanghai('03:00') })).toEqual([]);
  });

  it('excludes closed stations and suspended ones until their suspension ends', () => {
    const index = new NearestIndex();
    index.load([
      station('closed', 1, { status: 'closed' }),
      station('suspended-indefinitely', 2, { status: 'suspended' }),
      station('back-at-noon', 3, { status: 'suspended', suspendedUntil: mondayShanghai('12:00').toISOString() }),
      station('active', 4),
    ]);

    expect(ids(index, { openAt: mondayShanghai('11:59') })).toEqual(['active']);
    expect(ids(index, { openAt: mondayShanghai('12:00') })).toEqual(['back-at-noon', 'active']);
  });

  it('asks its clock when no instant is given', () => {
    const clock = new FixedClock(mondayShanghai('21:00'));
    const index = new NearestIndex({ clock });
    const weekdays = ([1, 2, 3, 4, 5] as const).map((day) => ({ day, open: '08:00', close: '20:00' }));
    index.load([station('day-only', 1, { hours: { open24h: false, weekly: weekdays } })]);

    expect(index.nearest({ lng: 120, lat: 30, k: 1 })).toEqual([]);
    clock.set(MONDAY_10);
    expect(index.nearest({ lng: 120, lat: 30, k: 1 }).map((r) => r.station.id)).toEqual(['day-only']);
  });

  it('shows upserts, moves and removals at once, before and after a rebuild', () => {
    const index = new NearestIndex({ rebuildAfterChanges: 3 });
    index.load([station('a', 1), station('b', 2), station('c', 3)]);

    index.upsert(station('new', 0.5));
    expect(ids(index)).toEqual(['new', 'a', 'b', 'c']);
    index.upsert(station('a', 10)); // moved away
    expect(ids(index)).toEqual(['new', 'b', 'c', 'a']);
    index.remove('b'); // third change: rebuilds
    expect(ids(index)).toEqual(['new', 'c', 'a']);
    index.upsert(station('c', 1, { status: 'closed' }));
    index.remove('new');
    expect(ids(index)).toEqual(['a']);
    expect(index.size).toBe(2);
  });

  it('ignores the removal of an unknown station', () => {
    const index = new NearestIndex();
    index.load([station('a', 1)]);
    index.remove('nobody');
    expect(ids(index)).toEqual(['a']);
  });

  it('lists every serving station within a radius for coverage, nearest first', () => {
    const index = new NearestIndex();
    index.load([station('a', 1), station('closed', 1.5, { status: 'closed' }), station('b', 2), station('c', 3)]);
    index.upsert(station('d', 0.5));

    expect(index.within(120, 30, 2.5, MONDAY_10).map((r) => r.station.id)).toEqual(['d', 'a', 'b']);
  });

  it('rejects a query outside the globe or without a positive k', () => {
    const index = new NearestIndex();
    expect(() => index.nearest({ lng: 200, lat: 30, k: 1 })).toThrow(expect.objectContaining({ code: 'invalid_location' }));
    expect(() => index.nearest({ lng: 120, lat: NaN, k: 1 })).toThrow(expect.objectContaining({ code: 'invalid_location' }));
    expect(() => index.nearest({ lng: 120, lat: 30, k: 0 })).toThrow(expect.objectContaining({ code: 'invalid_query' }));
    expect(() => index.upsert(station('x', 1, { lng: NaN }))).toThrow(expect.objectContaining({ code: 'invalid_location' }));
  });

  describe('against a brute-force reference on random data', () => {
    const box = { minLng: 120, maxLng: 120.6, minLat: 30, maxLat: 30.5 };
    const mix: StationMix = { share24h: 0.2, shareSuspended: 0.1, shareClosed: 0.05, suspensionPivot: MONDAY_10 };

    function bruteForce(stations: Map<string, IndexedStation>, query: Required<Omit<NearestQuery, 'facility' | 'anyHour'>> & { facility?: string }) {
      return [...stations.values()]
        .filter((s) => s.status === 'active' || (s.status === 'suspended' && s.suspendedUntil !== undefined && Date.parse(s.suspendedUntil) <= query.openAt.getTime()))
        .filter((s) => query.facility === undefined || s.facilities.includes(query.facility))
        .filter((s) => isOpenAt(compileOpeningHours(s.hours), query.openAt))
        .map((s) => ({ id: s.id, km: haversineKm(query.lng, query.lat, s.lng, s.lat) }))
        .filter((r) => r.km <= query.maxDistanceKm)
        .sort((a, b) => a.km - b.km)
        .slice(0, query.k);
    }

    it('agrees on 200 queries over 2000 stations while stations change and the tree is rebuilt', () => {
      const random = seededRandom(20300107);
      const index = new NearestIndex({ rebuildAfterChanges: 40 });
      const reference = new Map<string, IndexedStation>();
      for (let i = 0; i < 2000; i++) reference.set(`s${i}`, randomStation(random, `s${i}`, box, mix));
      index.load(reference.values());
      let nextId = 2000;
      let compared = 0;

      for (let q = 0; q < 200; q++) {
        for (let change = 0; change < 5; change++) {
          const roll = random();
          const existing = `s${Math.floor(random() * nextId)}`;
          if (roll < 0.2) {
            reference.delete(existing);
            index.remove(existing);
          } else {
            const changed = randomStation(random, roll < 0.6 ? existing : `s${nextId++}`, box, mix);
            reference.set(changed.id, changed);
            index.upsert(changed);
          }
        }
        const query = {
          lng: box.minLng - 0.05 + random() * 0.7,
          lat: box.minLat - 0.05 + random() * 0.6,
          k: 1 + Math.floor(random() * 10),
          openAt: randomInstantInWeek(random, MONDAY_10),
          maxDistanceKm: 1 + random() * 20,
          ...(random() < 0.5 ? { facility: 'charging' } : {}),
        };

        const expected = bruteForce(reference, query);
        const actual = index.nearest(query);

        expect(actual.map((r) => r.station.id)).toEqual(expected.map((r) => r.id));
        actual.forEach((r, i) => expect(r.distanceKm).toBeCloseTo(expected[i].km, 6));
        compared += actual.length;
      }
      expect(index.size).toBe(reference.size);
      expect(compared).toBeGreaterThan(200); // the queries did find stations, not only empty lists
    });
  });
});

function haversineKm(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
