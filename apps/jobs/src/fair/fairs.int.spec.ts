import { JobsHarness } from '../testing/jobs-harness';

/** 招聘会 / 直播带岗 through the officers' routes, against real Postgres and NATS: counts per fair and in the figures. */
describe('jobs fairs (real Postgres and NATS)', () => {
  let h: JobsHarness;
  let street: string;
  let officer: string;
  let company: { employerId: string; token: string };
  let postingA: string;
  let postingB: string;
  const STATION = 'station-fair-1';
  // The harness' clock is 2026-06-01T02:00Z.
  const plan = (overrides: Record<string, unknown> = {}) => ({ title: '江亭社区春风行动招聘会', format: 'onsite', stationId: STATION, streetCode: street, startsAt: '2026-06-10T01:00:00.000Z', endsAt: '2026-06-10T05:00:00.000Z', ...overrides });

  beforeAll(async () => {
    h = await JobsHarness.create();
    street = h.street;
    officer = await h.token('street_officer', { street });
    company = await h.approvedEmployer('13700000501');
    postingA = await h.openPosting(company.token, { title: '家政钟点工', category: 'housekeeping' });
    postingB = await h.openPosting(company.token, { title: '小区保洁', category: 'cleaning' });
    await h.publishEvent('stations', 'station', STATION, 'StationRegistered', { stationId: STATION, location: { lng: 106.27, lat: 29.97 }, streetCode: street, name: '江亭驿站' });
    await h.settle();
  });
  afterAll(async () => {
    await h?.close();
  });

  const post = (url: string, body?: unknown, token = officer) => h.http('POST', url, { token, ...(body !== undefined ? { body } : {}) });

  it('schedules a fair at a station, attaches employers and postings, counts attendance and intentions, is held; the counts show per fair and in the figures', async () => {
    const scheduled = await post('/fairs', plan());
    expect(scheduled.status).toBe(201);
    const { fairId } = scheduled.body as { fairId: string };

    expect((await post(`/fairs/${fairId}/postings`, { postingId: postingA })).body).toMatchObject({ status: 'scheduled', counts: { employers: 1, postings: 1 } });
    expect((await post(`/fairs/${fairId}/postings`, { postingId: postingB })).body).toMatchObject({ counts: { employers: 1, postings: 2 } });
    // Attaching again, or the employer already there, changes nothing.
    expect((await post(`/fairs/${fairId}/postings`, { postingId: postingA })).body).toMatchObject({ counts: { employers: 1, postings: 2 } });
    expect((await post(`/fairs/${fairId}/employers`, { employerId: company.employerId })).body).toMatchObject({ counts: { employers: 1 } });

    // Nothing is counted before the fair starts.
    const early = await post(`/fairs/${fairId}/attendance`, { count: 10 });
    expect([early.status, early.body.code]).toEqual([409, 'fair_not_started']);

    h.clock.set('2026-06-10T02:00:00.000Z');
    expect((await post(`/fairs/${fairId}/attendance`, { count: 120 })).status).toBe(200);
    const entryId = '0190a1b2-c3d4-7e5f-8a6b-0000000000e1';
    expect((await post(`/fairs/${fairId}/attendance`, { count: 30, entryId })).body).toMatchObject({ counts: { attendance: 150 } });
    // The same entry sent again (a retry after a lost answer) counts once.
    expect((await post(`/fairs/${fairId}/attendance`, { count: 30, entryId })).body).toMatchObject({ counts: { attendance: 150 } });
    expect((await post(`/fairs/${fairId}/intentions`, { postingId: postingA, count: 3 })).status).toBe(200);
    expect((await post(`/fairs/${fairId}/intentions`, { postingId: postingB, count: 2 })).body).toMatchObject({ counts: { intentions: 5 } });
    expect((await post(`/fairs/${fairId}/held`)).body).toMatchObject({ status: 'held' });
    await h.settle();

    const shown = await h.http('GET', `/fairs/${fairId}`, { token: officer });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ fairId, format: 'onsite', stationId: STATION, status: 'held', counts: { employers: 1, postings: 2, attendance: 150, intentions: 5 } });
    expect(shown.body.postings).toEqual(
      expect.arrayContaining([
        { postingId: postingA, employerId: company.employerId, category: 'housekeeping', intentions: 3 },
        { postingId: postingB, employerId: company.employerId, category: 'cleaning', intentions: 2 },
      ]),
    );
    const listed = await h.http('GET', '/fairs?status=held', { token: await h.token('district_officer') });
    expect(listed.body.items.map((f: { fairId: string }) => f.fairId)).toEqual([fairId]);

    const figures = await h.http('GET', '/figures');
    expect(figures.body.totals).toMatchObject({ fairsHeld: 1, fairAttendance: 150, fairIntentions: 5 });
    const byCategory = await h.http('GET', '/figures?by=category');
    const intentions = Object.fromEntries(byCategory.body.items.map((i: { category: string; fairIntentions: number }) => [i.category, i.fairIntentions]));
    expect(intentions).toMatchObject({ housekeeping: 3, cleaning: 2 });
    // Counts only: no event of the fair names anyone.
    const events = await h.db.selectFrom('events').select(['type', 'data']).where('type', 'like', 'Fair%').execute();
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toMatch(/1370000050|庞|王女士/);
  });

  it('holds an online fair (直播带岗) without a station, and cancels one before anyone is counted', async () => {
    h.clock.set('2026-06-11T02:00:00.000Z');
    const online = await post('/fairs', plan({ format: 'online', stationId: undefined, title: '直播带岗：家政专场', startsAt: '2026-06-12T12:00:00.000Z', endsAt: '2026-06-12T13:00:00.000Z' }));
    expect(online.status).toBe(201);
    const cancelled = await post(`/fairs/${online.body.fairId}/cancel`, { reason: '主播临时有事，改期' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    await h.settle();
    expect((await h.http('GET', `/fairs/${online.body.fairId}`, { token: officer })).body).toMatchObject({ format: 'online', stationId: null, status: 'cancelled', statusReason: '主播临时有事，改期' });
    const again = await post(`/fairs/${online.body.fairId}/attendance`, { count: 5 });
    expect([again.status, again.body.code]).toEqual([409, 'fair_status_conflict']);
  });

  it('refuses bad input with problem+json, stable codes and Chinese messages, storing nothing', async () => {
    h.clock.set('2026-06-11T02:00:00.000Z');
    const before = await h.storedCounts();
    for (const [body, status, code, field] of [
      [plan({ startsAt: '2026-06-01T01:00:00.000Z', endsAt: '2026-06-01T03:00:00.000Z' }), 422, 'fair_in_past', 'startsAt'],
      [plan({ startsAt: '2026-06-20T05:00:00.000Z', endsAt: '2026-06-20T01:00:00.000Z' }), 422, 'fair_ends_before_start', 'endsAt'],
      [plan({ stationId: 'no-such-station', startsAt: '2026-06-20T01:00:00.000Z', endsAt: '2026-06-20T03:00:00.000Z' }), 404, 'station_not_found', 'stationId'],
      [plan({ stationId: undefined, startsAt: '2026-06-20T01:00:00.000Z', endsAt: '2026-06-20T03:00:00.000Z' }), 400, 'validation_failed', 'stationId'],
      [plan({ streetCode: '999999001' }), 422, 'street_outside_node', 'streetCode'],
      [plan({ format: 'webinar' }), 400, 'validation_failed', 'format'],
    ] as const) {
      const refused = await post('/fairs', body);
      expect([refused.status, refused.body.code, refused.body.field]).toEqual([status, code, field]);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.detail ?? refused.body.title).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await h.storedCounts()).toEqual(before);

    const { fairId } = (await post('/fairs', plan({ startsAt: '2026-06-20T01:00:00.000Z', endsAt: '2026-06-20T03:00:00.000Z' }))).body as { fairId: string };
    const withdrawn = await h.openPosting(company.token, { title: '已撤回的岗位' });
    await h.http('POST', `/postings/${withdrawn}/withdraw`, { token: company.token });
    const notOpen = await post(`/fairs/${fairId}/postings`, { postingId: withdrawn });
    expect([notOpen.status, notOpen.body.code, notOpen.body.field]).toEqual([409, 'posting_not_open', 'postingId']);
    const missing = await post(`/fairs/${fairId}/postings`, { postingId: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b' });
    expect([missing.status, missing.body.code]).toEqual([404, 'posting_not_found']);
    h.clock.set('2026-06-20T02:00:00.000Z');
    const notAttached = await post(`/fairs/${fairId}/intentions`, { postingId: postingA, count: 1 });
    expect([notAttached.status, notAttached.body.code, notAttached.body.field]).toEqual([422, 'fair_posting_not_attached', 'postingId']);
    const zero = await post(`/fairs/${fairId}/attendance`, { count: 0 });
    expect([zero.status, zero.body.code, zero.body.field]).toEqual([400, 'validation_failed', 'count']);
  });

  it('lets only the street\'s own officers and the district act on a fair', async () => {
    h.clock.set('2026-06-21T02:00:00.000Z');
    const { fairId } = (await post('/fairs', plan({ startsAt: '2026-06-25T01:00:00.000Z', endsAt: '2026-06-25T03:00:00.000Z' }))).body as { fairId: string };
    const otherStreet = await h.token('street_officer', { street: `${h.config.node.code}002` });
    const refused = await post(`/fairs/${fairId}/postings`, { postingId: postingA }, otherStreet);
    expect([refused.status, refused.body.code]).toEqual([403, 'out_of_scope']);
    expect((await post('/fairs', plan({ startsAt: '2026-06-25T01:00:00.000Z', endsAt: '2026-06-25T03:00:00.000Z' }), otherStreet)).status).toBe(403);
    expect((await post(`/fairs/${fairId}/postings`, { postingId: postingA }, await h.token('district_officer'))).status).toBe(200);
    expect((await post(`/fairs/${fairId}/held`, undefined, await h.token('station_manager', { station: STATION }))).status).toBe(403);
    await h.settle();
    expect((await h.http('GET', `/fairs/${fairId}`, { token: otherStreet })).status).toBe(404);
  });
});
