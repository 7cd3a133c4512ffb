import { JobsHarness } from '../testing/jobs-harness';

const WORK = { lng: 106.27, lat: 29.97 };
/** About `km` north of the place of work, rounded as the vault rounds a home (3 decimals). */
const north = (km: number) => ({ lng: WORK.lng, lat: Math.round((WORK.lat + km / 111.32) * 1000) / 1000 });

/** 精准推送 against real Postgres and NATS: who gets a new posting in their inbox and who does not. */
describe('jobs 精准推送 (real Postgres and NATS)', () => {
  let h: JobsHarness;

  beforeAll(async () => {
    h = await JobsHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  const inbox = async (token: string) => {
    const response = await h.http('GET', '/seekers/me/inbox', { token });
    expect(response.status).toBe(200);
    return response.body.items as Array<Record<string, any>>;
  };

  it('pushes a new posting to the seeker 3 km away, not to one 40 km away, nor to those who opted out, want other work or other hours; caps pushes per day', async () => {
    const radius = { travelRadiusKm: 5 };
    const near = await h.registeredSeeker('13700000301', { home: north(3), preferences: radius });
    const far = await h.registeredSeeker('13700000302', { home: north(40), preferences: radius });
    const optedOut = await h.registeredSeeker('13700000303', { home: north(2), preferences: radius });
    const otherWork = await h.registeredSeeker('13700000304', { home: north(2), preferences: { ...radius, categories: ['moving'] } });
    const sundays = await h.registeredSeeker('13700000305', { home: north(2), preferences: { ...radius, availability: [{ day: 7, from: '08:00', to: '18:00' }] } });
    const capped = await h.registeredSeeker('13700000306', { home: north(1), preferences: radius });
    expect((await h.http('PUT', '/seekers/me/pushes', { token: optedOut.token, body: { pushes: false, dailyCap: 3 } })).body).toMatchObject({ pushes: false });
    expect((await h.http('PUT', '/seekers/me/pushes', { token: capped.token, body: { pushes: true, dailyCap: 1 } })).body).toMatchObject({ dailyCap: 1 });
    const badCap = await h.http('PUT', '/seekers/me/pushes', { token: capped.token, body: { pushes: true, dailyCap: 11 } });
    expect([badCap.status, badCap.body.code, badCap.body.field]).toEqual([400, 'validation_failed', 'dailyCap']);
    await h.settle();

    const employer = await h.approvedEmployer('13700000310');
    const first = await h.openPosting(employer.token, { location: WORK });
    await h.settle();

    const nearInbox = await inbox(near.token);
    expect(nearInbox).toHaveLength(1);
    expect(nearInbox[0]).toMatchObject({ postingId: first, title: '家政钟点工', status: 'open', read: false });
    expect(nearInbox[0]!.distanceKm).toBeCloseTo(3, 0);
    expect(nearInbox[0]!.navigation.links[0].href).toContain('uri.amap.com');
    expect((await inbox(capped.token)).map((i) => i.postingId)).toEqual([first]);
    for (const seeker of [far, optedOut, otherWork, sundays]) expect(await inbox(seeker.token)).toEqual([]);

    // A second posting the same day: the seeker with a cap of one a day is passed over.
    const second = await h.openPosting(employer.token, { location: north(0.5), title: '做午饭' });
    await h.settle();
    expect((await inbox(near.token)).map((i) => i.postingId).sort()).toEqual([first, second].sort());
    expect((await inbox(capped.token)).map((i) => i.postingId)).toEqual([first]);

    expect((await h.http('POST', `/seekers/me/inbox/${first}/read`, { token: near.token })).body).toEqual({ postingId: first, read: true });
    expect((await inbox(near.token)).find((i) => i.postingId === first)).toMatchObject({ read: true });
    const notPushed = await h.http('POST', `/seekers/me/inbox/${first}/read`, { token: far.token });
    expect([notPushed.status, notPushed.body.code]).toEqual([404, 'posting_not_found']);
  });
});
