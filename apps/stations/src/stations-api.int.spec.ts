import { randomUUID } from 'node:crypto';
import { allKeysetPages, keysetPagePath } from '@ws/contracts';
import { KEYSET_REFUSED, keysetRefusals, walkKeysetPages } from '@ws/testing';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { StationsModule } from './stations.module';

/** The stations API end to end in one process: HTTP → event store → outbox → JetStream → read models. */
describe('stations API (real Postgres and NATS)', () => {
  let service: ServiceHarness;
  let officer: string;

  const station = (overrides: Record<string, unknown> = {}) => ({
    name: '文昌社区37°C工会驿站',
    kind: 'station',
    tier: 'community',
    host: 'community_centre',
    streetCode: '330802001',
    communityCode: '330802001001',
    address: '衢州市柯城区文昌路1号',
    location: { lng: 118.873, lat: 28.936 },
    hours: { open24h: false, weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '08:00', close: '20:00' })) },
    seats: 12,
    facilities: ['air_conditioning', 'fridge', 'microwave', 'water_dispenser', 'charging', 'tables_chairs'],
    ...overrides,
  });

  const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, token?: string, headers: Record<string, string> = {}) =>
    service.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });

  /** Every station of the directory, page after page. */
  const wholeDirectory = () => allKeysetPages<{ id: string; name: string; status: string }>(async (after) => (await inject('GET', keysetPagePath('/stations', after))).json());
  const directoryPage = async (query: string) => {
    const answer = await inject('GET', `/stations?${query}`);
    return { status: answer.statusCode, body: answer.json(), headers: new Headers(Object.entries(answer.headers).map(([name, value]) => [name, String(value)])) };
  };

  beforeAll(async () => {
    service = await startService('stations', (config) => StationsModule.forRoot({ config }));
    officer = await service.token('district_officer');
  });

  afterAll(async () => {
    await service?.close();
  });

  it('registers a station, projects it into the directory with its history, and finds it nearby', async () => {
    const created = await inject('POST', '/stations', station(), officer);
    expect(created.statusCode).toBe(201);
    const { stationId, version } = created.json();
    expect(version).toBe(1);

    await service.settle();
    const detail = await inject('GET', `/stations/${stationId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: stationId, name: '文昌社区37°C工会驿站', status: 'active', districtCode: service.config.node.code });
    expect(detail.json().history.map((h: { type: string }) => h.type)).toEqual(['StationRegistered']);

    // 12:00 Shanghai (04:00Z) on a Monday: open; 21:00 Shanghai: closed.
    const noon = await inject('GET', '/nearest?lng=118.87&lat=28.94&k=3&at=2026-06-01T04:00:00Z');
    expect(noon.json().map((s: { id: string }) => s.id)).toContain(stationId);
    const night = await inject('GET', '/nearest?lng=118.87&lat=28.94&k=3&at=2026-06-01T13:00:00Z');
    expect(night.json().map((s: { id: string }) => s.id)).not.toContain(stationId);
  });

  it('answers bad input with problem+json naming the field, and loses nothing', async () => {
    const unknownField = await inject('POST', '/stations', { ...station(), colour: 'red' }, officer);
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.headers['content-type']).toContain('application/problem+json');
    expect(unknownField.json()).toMatchObject({ code: 'validation_failed', field: 'colour' });

    const abroad = await inject('POST', '/stations', station({ location: { lng: 2.35, lat: 48.85 } }), officer);
    expect(abroad.statusCode).toBe(400);
    expect(abroad.json().errors.map((e: { field: string }) => e.field)).toContain('location.lng');

    const malformed = await service.app.inject({
      method: 'POST',
      url: '/stations',
      payload: '{"name": ',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('malformed_body');

    expect((await inject('POST', '/stations', station())).json().code).toBe('unauthenticated');
    const manager = await service.token('station_manager', { station: randomUUID() });
    expect((await inject('POST', '/stations', station(), manager)).json().code).toBe('forbidden');
    expect((await inject('GET', '/stations/not-a-uuid')).json()).toMatchObject({ status: 400, field: 'id' });
    expect((await inject('GET', `/stations/${randomUUID()}`)).json()).toMatchObject({ status: 404, code: 'station_not_found' });
  });

  it('refuses a command on a stale version with 409 and applies it on the current one', async () => {
    const { stationId } = (await inject('POST', '/stations', station({ name: '府山社区工会驿站' }), officer)).json();
    const stale = await inject('POST', `/stations/${stationId}/suspend`, { reason: '场地装修' }, officer, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', expected: 7, actual: 1 });

    const suspended = await inject('POST', `/stations/${stationId}/suspend`, { reason: '场地装修' }, officer, { 'if-match': '"1"' });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ version: 2, events: ['StationSuspended'] });
    const again = await inject('POST', `/stations/${stationId}/suspend`, { reason: '再次' }, officer);
    expect(again.json()).toMatchObject({ status: 409, code: 'station_already_suspended' });

    await service.settle();
    const noon = await inject('GET', '/nearest?lng=118.87&lat=28.94&k=10&at=2026-06-01T04:00:00Z');
    expect(noon.json().map((s: { id: string }) => s.id)).not.toContain(stationId);
  });

  it('counts a check-in once per idempotency key and answers a batch item by item', async () => {
    const { stationId } = (await inject('POST', '/stations', station({ name: '双港街道驿站', tier: 'street' }), officer)).json();
    const key = `k-${randomUUID()}`;
    const first = await inject('POST', `/stations/${stationId}/checkins`, { key, occupation: 'rider' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ key, status: 'accepted' });
    expect((await inject('POST', `/stations/${stationId}/checkins`, { key, occupation: 'rider' })).json().status).toBe('duplicate');

    const now = new Date().toISOString();
    const batch = await inject('POST', `/stations/${stationId}/checkins/batch`, {
      visits: [
        { key: `b1-${randomUUID()}`, at: now, occupation: 'courier' },
        { key, at: now, occupation: 'rider' },
        { key: `b3-${randomUUID()}`, at: now, occupation: 'astronaut' },
        { key: `b4-${randomUUID()}`, at: now, occupation: 'sanitation', memberCard: 'zj330802000123' },
      ],
    });
    expect(batch.statusCode).toBe(200);
    expect(batch.json()).toMatchObject({ accepted: 2, duplicates: 1, rejected: 1 });
    expect(batch.json().items.map((i: { status: string }) => i.status)).toEqual(['accepted', 'duplicate', 'rejected', 'accepted']);
    expect(batch.json().items[2]).toMatchObject({ code: 'unknown_occupation', field: 'occupation' });

    const unknownStation = await inject('POST', `/stations/${randomUUID()}/checkins`, { key: `u-${randomUUID()}`, occupation: 'rider' });
    expect(unknownStation.statusCode).toBe(404);

    await service.settle();
    const today = (await inject('GET', '/visits/today')).json();
    expect(today.total).toBe(3);
    expect(Object.fromEntries(today.byOccupation.map((r: { key: string; visits: number }) => [r.key, r.visits]))).toEqual({ rider: 1, courier: 1, sanitation: 1 });
    const byStation = (await inject('GET', `/visits?from=${today.day}&to=${today.day}&by=station`)).json();
    expect(byStation.rows).toEqual([{ key: stationId, visits: 3 }]);
  });

  it('measures compliance against the adopted standard, per street, with what is missing', async () => {
    expect((await inject('GET', '/compliance')).json().code).toBe('no_standard_adopted');
    const adopted = await inject('POST', '/standard', { standard: 'ba_you' }, officer);
    expect(adopted.statusCode).toBe(200);
    await service.settle();
    const report = (await inject('GET', '/compliance?by=street')).json();
    expect(report).toMatchObject({ standard: 'ba_you', label: '八有' });
    // Every station above has the six 嘉兴 facilities but neither first-aid kit nor toilet.
    expect(report.compliant).toBe(0);
    expect(report.total).toBeGreaterThanOrEqual(3);
    expect(report.rows[0].missing.map((m: { facility: string }) => m.facility).sort()).toEqual(['first_aid_kit', 'toilet']);
  });

  it('imports a worker heat map and reports the share within a 15-minute e-bike circle and the uncovered hot cells', async () => {
    const csv = ['lat,lng,count', '28.937,118.874,300', '28.940,118.870,100', '29.300,119.400,250', 'oops,118.9,5', '28.95,118.88,-3'].join('\n');
    const imported = await inject('POST', '/coverage/cells', { csv }, officer);
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ imported: 3, workers: 650 });
    expect(imported.json().errors.map((e: { line: number }) => e.line)).toEqual([5, 6]);

    // Sunday 12:00 Shanghai: the first test's station (08:00–20:00) is open near the two first cells.
    const report = (await inject('GET', '/coverage?mode=ebike&at=2026-06-07T04:00:00Z')).json();
    expect(report).toMatchObject({ totalWorkers: 650, coveredWorkers: 400 });
    expect(report.share).toBeCloseTo(400 / 650, 5);
    expect(report.uncoveredHotCells).toHaveLength(1);
    expect(report.uncoveredHotCells[0]).toMatchObject({ count: 250 });
    // At 22:00 nothing nearby is open: nobody is covered.
    expect((await inject('GET', '/coverage?mode=ebike&at=2026-06-07T14:00:00Z')).json().coveredWorkers).toBe(0);
    // Without an instant, the network in service whatever the hour: the same 400 whenever the test runs.
    expect((await inject('GET', '/coverage?mode=ebike')).json()).toMatchObject({ totalWorkers: 650, coveredWorkers: 400 });
    expect((await inject('POST', '/coverage/cells', { csv }, undefined)).statusCode).toBe(401);
  });

  it('drills coverage down per street (a district node): workers, covered, share per child; officers only', async () => {
    const registered = (await wholeDirectory()).filter((s) => s.status !== 'closed').length;
    const answer = await inject('GET', '/coverage/children?mode=ebike', undefined, officer);
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ by: 'street', mode: 'ebike', minutes: 15 });
    // Every registered station counts in its street's row; the workers of all rows add up to the node's.
    const streets = body.rows.filter((r: { child: string }) => r.child !== '');
    expect(streets.length).toBeGreaterThan(0);
    for (const row of streets) expect(row.child).toMatch(/^\w{9}$/);
    expect(streets.reduce((sum: number, r: { stations: number }) => sum + r.stations, 0)).toBe(registered);
    const total = (await inject('GET', '/coverage?mode=ebike')).json();
    expect(body.rows.reduce((sum: number, r: { totalWorkers: number }) => sum + r.totalWorkers, 0)).toBe(total.totalWorkers);
    expect(body.rows.reduce((sum: number, r: { coveredWorkers: number }) => sum + r.coveredWorkers, 0)).toBe(total.coveredWorkers);
    // The far hot spot (29.3, 119.4) is no station's: the unplaced row.
    expect(body.rows.find((r: { child: string }) => r.child === '')).toMatchObject({ totalWorkers: 250, coveredWorkers: 0 });

    expect((await inject('GET', '/coverage/children')).statusCode).toBe(401);
    expect((await inject('GET', '/coverage/children', undefined, await service.token('street_officer', { street: `${service.config.node.code}001` }))).statusCode).toBe(403);
    expect((await inject('GET', '/coverage/children', undefined, await service.token('station_manager', { station: randomUUID() }))).statusCode).toBe(403);
    expect((await inject('GET', '/coverage/children', undefined, await service.token('city_officer'))).statusCode).toBe(200);
    expect((await inject('GET', '/coverage/children?by=county', undefined, officer)).statusCode).toBe(400);
  });

  it('lists the directory in keyset pages by name, each station once, with the filter\'s total', async () => {
    for (const name of ['页序驿站乙', '页序驿站甲', '页序驿站乙']) expect((await inject('POST', '/stations', station({ name }), officer)).statusCode).toBe(201);
    await service.settle();
    const whole = (await directoryPage('limit=200')).body as { items: Array<{ id: string; name: string }>; next: string | null; total: number };
    expect(whole.next).toBeNull();
    expect(whole.total).toBe(whole.items.length);
    expect(await walkKeysetPages(directoryPage, 1, (s: { id: string }) => s.id)).toEqual(whole.items.map((s) => s.id));
    // Two stations of one name: the id breaks the tie, neither is skipped or repeated.
    const named = (await directoryPage('q=页序驿站')).body as { items: Array<{ id: string; name: string }>; total: number };
    expect(named.items.map((s) => s.name).filter((name) => name === '页序驿站乙')).toHaveLength(2);
    expect(await walkKeysetPages((query) => directoryPage(`q=页序驿站&${query}`), 1, (s: { id: string }) => s.id)).toEqual(named.items.map((s) => s.id));
    const filtered = (await directoryPage('q=页序驿站&limit=1')).body;
    expect(filtered).toMatchObject({ total: 3 });
    expect(filtered.items).toHaveLength(1);
    expect(await keysetRefusals(directoryPage)).toEqual(KEYSET_REFUSED);
    expect((await directoryPage('pageSize=10')).status).toBe(400);
  });

  it('rebuilds a read model from the stream to the same answers', async () => {
    await service.settle();
    const today = (await inject('GET', '/visits/today')).json();
    const directory = await wholeDirectory();
    expect((await inject('POST', '/admin/projections/stations.visits/rebuild', undefined, await service.token('street_officer', { street: `${service.config.node.code}001` }))).statusCode).toBe(403);
    for (const name of ['stations.visits', 'stations.directory']) {
      const rebuilt = await inject('POST', `/admin/projections/${name}/rebuild`, undefined, officer);
      expect(rebuilt.statusCode).toBe(202);
    }
    await service.settle();
    expect((await inject('GET', '/visits/today')).json()).toEqual(today);
    expect(await wholeDirectory()).toEqual(directory);
    const projections = (await inject('GET', '/admin/projections', undefined, officer)).json();
    expect(projections.map((p: { name: string }) => p.name).sort()).toEqual(['stations.activities', 'stations.adopted-standards', 'stations.directive-inbox', 'stations.directive-receipts', 'stations.directives', 'stations.directory', 'stations.funds', 'stations.legal-cases', 'stations.programmes', 'stations.visits', 'stations.welfare', 'stations.wish-ratings']);
    expect(projections.find((p: { name: string }) => p.name === 'stations.directive-inbox')).toMatchObject({ kind: 'reaction', stream: 'dir', rebuildable: false });
    expect(projections.find((p: { name: string }) => p.name === 'stations.directory')).toMatchObject({ kind: 'read-model', stream: 'evt', rebuildable: true });
    expect(projections.every((p: { events: number }) => p.events === 0)).toBe(true);
  });
});
