import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { KEYSET_REFUSED, keysetRefusals, walkKeysetPages } from '@ws/testing';
import { JobsHarness } from '../testing/jobs-harness';

/**
 * The jobs lists that were cut short (at 200 or 500, next: null) are keyset pages like every list,
 * and every list ordered by a time carries that time in its cursor to the microsecond.
 */
describe('jobs lists pages (real Postgres and NATS)', () => {
  let h: JobsHarness;
  let employer: { employerId: string; token: string };
  let postings: string[];
  let seekers: Array<{ seekerId: string; token: string }>;

  beforeAll(async () => {
    h = await JobsHarness.create();
    employer = await h.approvedEmployer('13700000131');
    postings = [await h.openPosting(employer.token), await h.openPosting(employer.token), await h.openPosting(employer.token)];
    seekers = [await h.registeredSeeker('13700000132'), await h.registeredSeeker('13700000133'), await h.registeredSeeker('13700000134')];
    for (const seeker of seekers) await h.http('POST', `/postings/${postings[0]}/applications`, { token: seeker.token, body: {} });
    for (const postingId of postings) await h.http('POST', `/postings/${postingId}/applications`, { token: seekers[0]!.token, body: {} });
    for (const seeker of seekers) await h.http('POST', `/postings/${postings[0]}/reports`, { token: seeker.token, body: { kind: 'fake' } });
    await h.settle();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("pages the employer's applicants, the seeker's applications, the employer's postings and a posting's reports by next, never cut short", async () => {
    const officer = await h.token('district_officer');
    const lists = [
      { get: (query: string) => h.http('GET', `/postings/${postings[0]}/applications?${query}`, { token: employer.token }), idOf: (i: any) => i.applicationId, count: 3 },
      { get: (query: string) => h.http('GET', `/seekers/me/applications?${query}`, { token: seekers[0]!.token }), idOf: (i: any) => i.postingId, count: 3 },
      { get: (query: string) => h.http('GET', `/postings/mine?${query}`, { token: employer.token }), idOf: (i: any) => i.postingId, count: 3 },
      { get: (query: string) => h.http('GET', `/postings/${postings[0]}/reports?${query}`, { token: officer }), idOf: (i: any) => String(i.seq), count: 3 },
    ];
    for (const list of lists) {
      const walked = await walkKeysetPages(list.get, 1, list.idOf);
      expect(walked).toHaveLength(list.count);
      expect(walked).toEqual((await list.get('limit=200')).body.items.map(list.idOf));
    }
    expect(new Set(await walkKeysetPages(lists[2]!.get, 2, lists[2]!.idOf))).toEqual(new Set(postings));
    for (const list of lists.slice(0, 3)) expect(await keysetRefusals(list.get)).toEqual(KEYSET_REFUSED);
  });

  it('walks postings, mine, employers, fairs, upcoming fairs, applicants, my applications and my inbox one row a page, rows one millisecond apart', async () => {
    // The projections' own rows where no flow is needed for the list: two more employers, three fairs, pushes to the first seeker.
    for (let i = 0; i < 2; i++) {
      await sql`insert into employer_board (employer_id, district_code, street_code, kind, status, registered_at, updated_at)
        values (${randomUUID()}, ${h.street.slice(0, 6)}, ${h.street}, 'company', 'registered', now(), now())`.execute(h.db);
    }
    for (let i = 0; i < 3; i++) {
      await sql`insert into fair_board (fair_id, district_code, street_code, title, format, station_id, starts_at, ends_at, status, status_reason, updated_at)
        values (${randomUUID()}, ${h.street.slice(0, 6)}, ${h.street}, '春风行动招聘会', 'onsite', null, now(), '2099-01-01T00:00:00Z', 'scheduled', null, now())`.execute(h.db);
    }
    for (const postingId of postings) {
      await sql`insert into job_pushes (seeker_id, posting_id, pushed_on, distance_km, pushed_at, read_at)
        values (${seekers[0]!.seekerId}, ${postingId}, '2026-06-01', 1.5, now(), null) on conflict do nothing`.execute(h.db);
    }
    // Times a JS Date cannot tell apart, the greatest id the oldest: a cursor cut to the millisecond
    // repeats rows of a list in ascending order and skips them in descending order.
    const withinOneMillisecond = (table: string, column: string, id: string) =>
      sql`update ${sql.table(table)} t set ${sql.ref(column)} = '2026-01-01T00:00:00.000Z'::timestamptz + make_interval(secs => r.rank / 1e6)
        from (select ctid as row, row_number() over (order by ${sql.ref(id)} desc) as rank from ${sql.table(table)}) r where t.ctid = r.row`.execute(h.db);
    await withinOneMillisecond('posting_board', 'drafted_at', 'posting_id');
    await withinOneMillisecond('employer_board', 'registered_at', 'employer_id');
    await withinOneMillisecond('fair_board', 'starts_at', 'fair_id');
    await withinOneMillisecond('application_board', 'applied_at', 'application_id');
    await withinOneMillisecond('job_pushes', 'pushed_at', 'posting_id');

    const officer = await h.token('district_officer');
    const lists = [
      { path: '/postings', token: officer, id: 'postingId' },
      { path: '/postings/mine', token: employer.token, id: 'postingId' },
      { path: '/employers', token: officer, id: 'employerId' },
      { path: '/fairs', token: officer, id: 'fairId' },
      { path: '/fairs/upcoming', token: undefined, id: 'fairId' },
      { path: `/postings/${postings[0]}/applications`, token: employer.token, id: 'applicationId' },
      { path: '/seekers/me/applications', token: seekers[0]!.token, id: 'applicationId' },
      { path: '/seekers/me/inbox', token: seekers[0]!.token, id: 'postingId' },
    ];
    // Every list walked before comparing, so a failure names each list that repeats or skips.
    const walkedByPath: Record<string, string[] | string> = {};
    const wholeByPath: Record<string, string[]> = {};
    for (const { path, token, id } of lists) {
      const get = (query: string) => h.http('GET', `${path}?${query}`, { token });
      const whole = (await get('limit=50')).body as { items: Array<Record<string, string>>; next: string | null };
      expect({ path, next: whole.next, count: whole.items.length }).toEqual({ path, next: null, count: 3 });
      wholeByPath[path] = whole.items.map((item) => item[id]!);
      walkedByPath[path] = await walkKeysetPages(get, 1, (item) => item[id]).catch((error: Error) => error.message);
    }
    expect(walkedByPath).toEqual(wholeByPath);
    // Their cursors' ids are UUIDs: any other is refused before it reaches the database.
    for (const { path, token } of lists) {
      expect({ path, refusals: await keysetRefusals((query) => h.http('GET', `${path}?${query}`, { token })) }).toEqual({ path, refusals: KEYSET_REFUSED });
    }
  });
});
