import { toGcj02 } from './navigation';
import { JobsHarness } from '../testing/jobs-harness';

const HOME = { lng: 106.27, lat: 29.97 };
/** About `km` north of HOME. */
const north = (km: number) => ({ lng: HOME.lng, lat: Math.round((HOME.lat + km / 111.32) * 1e5) / 1e5 });

/** The search near home against real Postgres and NATS: distance, filters, a station's place, 导航 links, what leaves the index. */
describe('jobs search near home (real Postgres and NATS)', () => {
  let h: JobsHarness;
  let company: { employerId: string; token: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await JobsHarness.create();
    company = await h.approvedEmployer('13700000201');
    ids['near'] = await h.openPosting(company.token, { location: north(1), title: '小区保洁', category: 'cleaning', payMode: 'daily' });
    ids['mid'] = await h.openPosting(company.token, { location: north(4), title: '家政钟点工', category: 'housekeeping', payMode: 'daily' });
    ids['monthly'] = await h.openPosting(company.token, { location: north(2), title: '住家保姆', category: 'housekeeping', payMode: 'monthly' });
    ids['far'] = await h.openPosting(company.token, { location: north(30), title: '远处搬家', category: 'moving', payMode: 'per_project' });
    await h.settle();
  });
  afterAll(async () => {
    await h?.close();
  });

  const nearby = async (query: string) => {
    const response = await h.http('GET', `/postings/nearby?${query}`);
    expect(response.status).toBe(200);
    return response.body as { items: Array<Record<string, any>>; next: string | null };
  };

  it('finds open postings nearest first within the distance, with distance and 导航 links in GCJ-02', async () => {
    const found = await nearby(`lng=${HOME.lng}&lat=${HOME.lat}&radiusKm=5`);
    expect(found.items.map((i) => i.postingId)).toEqual([ids['near'], ids['monthly'], ids['mid']]);
    expect(found.items.map((i) => i.distanceKm)).toEqual([1, 2, 4]);
    const first = found.items[0]!;
    expect(first).toMatchObject({ title: '小区保洁', category: 'cleaning', payMode: 'daily', pay: { minFen: 2500, maxFen: 3500, unit: 'hour' } });
    const gcj = toGcj02(north(1));
    expect(first.navigation.gcj02).toEqual(gcj);
    expect(gcj.lng).not.toBeCloseTo(north(1).lng, 3);
    expect(first.navigation.links[0].href).toContain(`to=${gcj.lng},${gcj.lat},`);
    expect((await nearby(`lng=${HOME.lng}&lat=${HOME.lat}&radiusKm=50`)).items.map((i) => i.postingId)).toContain(ids['far']);
  });

  it('filters by category and pay mode, and pages by distance', async () => {
    expect((await nearby(`lng=${HOME.lng}&lat=${HOME.lat}&radiusKm=10&category=housekeeping`)).items.map((i) => i.postingId)).toEqual([ids['monthly'], ids['mid']]);
    expect((await nearby(`lng=${HOME.lng}&lat=${HOME.lat}&radiusKm=10&category=housekeeping&payMode=daily`)).items.map((i) => i.postingId)).toEqual([ids['mid']]);
    const one = await nearby(`lng=${HOME.lng}&lat=${HOME.lat}&radiusKm=10&limit=2`);
    expect(one.items.map((i) => i.postingId)).toEqual([ids['near'], ids['monthly']]);
    const two = await nearby(`lng=${HOME.lng}&lat=${HOME.lat}&radiusKm=10&limit=2&after=${one.next}`);
    expect(two).toEqual({ origin: HOME, items: [expect.objectContaining({ postingId: ids['mid'] })], next: null });
  });

  it('refuses a search without a place, outside China, with an unknown category or a radius too large', async () => {
    for (const [query, field] of [
      ['radiusKm=5', 'lng'],
      ['lng=2.35&lat=48.85', 'lng'],
      [`lng=${HOME.lng}&lat=${HOME.lat}&category=banking`, 'category'],
      [`lng=${HOME.lng}&lat=${HOME.lat}&radiusKm=500`, 'radiusKm'],
    ] as const) {
      const refused = await h.http('GET', `/postings/nearby?${query}`);
      expect([refused.status, refused.body.code, refused.body.field]).toEqual([400, 'validation_failed', field]);
    }
    const unknownStation = await h.http('GET', '/postings/nearby?stationId=no-such-station');
    expect([unknownStation.status, unknownStation.body.code]).toEqual([404, 'station_not_found']);
  });

  it('searches from a station (零工之家 point) known from the stations context', async () => {
    await h.publishEvent('stations', 'station', 'station-jobs-1', 'StationRegistered', { stationId: 'station-jobs-1', location: north(30.5), streetCode: h.street, name: '某某驿站' });
    await h.settle();
    const found = await nearby('stationId=station-jobs-1&radiusKm=3');
    expect(found.items.map((i) => [i.postingId, i.distanceKm])).toEqual([[ids['far'], 0.5]]);
  });

  it('gives a seeker the work near their home within their travel distance and wanted categories', async () => {
    const seeker = await h.registeredSeeker('13700000202', { home: HOME, preferences: { categories: ['housekeeping'], travelRadiusKm: 3 } });
    const mine = await h.http('GET', '/seekers/me/postings', { token: seeker.token });
    expect(mine.body.items.map((i: { postingId: string }) => i.postingId)).toEqual([ids['monthly']]);
    const wider = await h.http('GET', '/seekers/me/postings?radiusKm=10', { token: seeker.token });
    expect(wider.body.items.map((i: { postingId: string }) => i.postingId)).toEqual([ids['monthly'], ids['mid']]);
  });

  it('drops a filled or withdrawn posting and a suspended employer’s postings from the search', async () => {
    await h.http('POST', `/postings/${ids['mid']}/withdraw`, { token: company.token });
    const householder = await h.approvedEmployer('13700000203', 'person');
    const theirs = await h.openPosting(householder.token, { location: north(0.5), title: '照看老人', category: 'caregiving' });
    await h.settle();
    expect((await nearby(`lng=${HOME.lng}&lat=${HOME.lat}&radiusKm=5`)).items.map((i) => i.postingId)).toEqual([theirs, ids['near'], ids['monthly']]);
    await h.http('POST', `/employers/${householder.employerId}/suspend`, { token: await h.token('district_officer'), body: { reason: '多次被举报' } });
    await h.settle();
    expect((await nearby(`lng=${HOME.lng}&lat=${HOME.lat}&radiusKm=5`)).items.map((i) => i.postingId)).toEqual([ids['near'], ids['monthly']]);
    const rows = await h.db.selectFrom('open_postings').select('posting_id').execute();
    expect(rows.map((r) => r.posting_id)).not.toContain(ids['mid']);
  });
});
