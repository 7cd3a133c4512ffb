import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { walkKeysetPages } from '@ws/testing';
import { JobsHarness } from './testing/jobs-harness';

/**
 * Every jobs list ordered by a time carries that time in its cursor to the microsecond: rows a JS
 * Date cannot tell apart (one millisecond, microseconds apart) are each listed once, in order.
 */
describe('jobs lists page to the microsecond (real Postgres and NATS)', () => {
  let h: JobsHarness;

  beforeAll(async () => {
    h = await JobsHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('walks postings, mine, employers, fairs, upcoming fairs, applicants, my applications and my inbox one row a page', async () => {
    const employer = await h.approvedEmployer('13700000141');
    const postings = [await h.openPosting(employer.token), await h.openPosting(employer.token), await h.openPosting(employer.token)];
    const seekers = [await h.registeredSeeker('13700000142'), await h.registeredSeeker('13700000143'), await h.registeredSeeker('13700000144')];
    for (const seeker of seekers) await h.http('POST', `/postings/${postings[0]}/applications`, { token: seeker.token, body: {} });
    for (const postingId of postings.slice(1)) await h.http('POST', `/postings/${postingId}/applications`, { token: seekers[0]!.token, body: {} });
    await h.settle();
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
  });
});
