import { JOB_CATEGORIES } from '@ws/contracts';
import { JobsHarness } from './testing/jobs-harness';
import { samplePostingDetails, samplePreferences } from './testing/samples';

/** The jobs HTTP API against real Postgres and NATS: registration, review, postings, refusals that store nothing. */
describe('jobs API (real Postgres and NATS)', () => {
  let h: JobsHarness;

  beforeAll(async () => {
    h = await JobsHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  const posting = (overrides: Record<string, unknown> = {}) => {
    const { addressRef: _ref, ...details } = samplePostingDetails({ streetCode: h.street });
    return { ...details, address: '江亭路社区5栋2单元', ...overrides };
  };

  async function registerCompany(mobile: string) {
    const code = await h.registrationCode(mobile, 'employer');
    const response = await h.http('POST', '/employers', { body: { kind: 'company', name: '重庆某某家政服务有限公司', creditCode: '91350100M000100Y43', mobile, code, streetCode: h.street } });
    expect(response.status).toBe(201);
    return response.body as { employerId: string; token: string };
  }

  it('names its codes for the pages, to anyone, cacheable', async () => {
    const labels = await h.http('GET', '/labels');
    expect(labels.status).toBe(200);
    expect(labels.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(labels.body.categories.map((c: { code: string }) => c.code)).toEqual([...JOB_CATEGORIES]);
    expect(labels.body.categories).toContainEqual({ code: 'housekeeping', label: '家政服务' });
    expect(labels.body.payModes).toContainEqual({ code: 'per_project', label: '项目制' });
    expect(labels.body.payUnits).toContainEqual({ code: 'hour', label: '元/小时' });
    expect(labels.body.applicationStatuses).toContainEqual({ code: 'invited', label: '已邀请' });
  });

  it('refuses an invalid credit code with a stable code and the field, storing nothing; the code stays usable', async () => {
    const before = await h.storedCounts();
    const code = await h.registrationCode('13700000001', 'employer');
    const refused = await h.http('POST', '/employers', { body: { kind: 'company', name: '某某公司', creditCode: '91350100M000100Y44', mobile: '13700000001', code, streetCode: h.street } });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'credit_code_bad_checksum', field: 'creditCode' });
    expect(await h.storedCounts()).toEqual(before);
    const accepted = await h.http('POST', '/employers', { body: { kind: 'company', name: '某某公司', creditCode: '91350100M000100Y43', mobile: '13700000001', code, streetCode: h.street } });
    expect(accepted.status).toBe(201);
  });

  it('refuses a seeker whose ID number has a wrong check digit, storing nothing', async () => {
    const before = await h.storedCounts();
    const code = await h.registrationCode('13700000002', 'seeker');
    const refused = await h.http('POST', '/seekers', {
      body: { name: '庞秀英', idNumber: '110105194912310021', mobile: '13700000002', code, home: { lng: 106.27, lat: 29.97 }, preferences: samplePreferences({ homeStreetCode: h.street }) },
    });
    expect([refused.status, refused.body.code, refused.body.field]).toEqual([422, 'id_number_bad_checksum', 'idNumber']);
    expect(JSON.stringify(refused.body)).not.toContain('110105194912310021');
    expect(await h.storedCounts()).toEqual(before);
  });

  it('an employer registers, the union approves it, its posting goes through review to open', async () => {
    const employer = await registerCompany('13700000003');
    const auth = { token: employer.token };
    expect((await h.http('POST', '/employers/me/review', auth)).body).toMatchObject({ status: 'in_review' });

    const before = await h.storedCounts();
    const upsideDown = await h.http('POST', '/postings', { ...auth, body: posting({ pay: { minFen: 5000, maxFen: 3000, unit: 'hour' } }) });
    expect([upsideDown.status, upsideDown.body.code, upsideDown.body.field]).toEqual([422, 'pay_range_inverted', 'pay.maxFen']);
    const past = await h.http('POST', '/postings', { ...auth, body: posting({ validUntil: '2026-05-01T00:00:00+08:00' }) });
    expect([past.status, past.body.code, past.body.field]).toEqual([422, 'posting_in_past', 'validUntil']);
    expect(await h.storedCounts()).toEqual(before);

    const drafted = await h.http('POST', '/postings', { ...auth, body: posting() });
    expect(drafted.status).toBe(201);
    const { postingId } = drafted.body as { postingId: string };
    expect((await h.http('POST', `/postings/${postingId}/submit`, auth)).body).toMatchObject({ status: 'in_review' });

    const officer = { token: await h.token('street_officer', { street: h.street }) };
    const early = await h.http('POST', `/postings/${postingId}/approve`, officer);
    expect([early.status, early.body.code]).toEqual([422, 'employer_not_approved']);
    const stranger = await h.http('POST', `/employers/${employer.employerId}/approve`, { token: await h.token('street_officer', { street: h.otherStreet }) });
    expect([stranger.status, stranger.body.code]).toEqual([403, 'out_of_scope']);
    expect((await h.http('POST', `/employers/${employer.employerId}/approve`, officer)).body).toMatchObject({ status: 'approved' });
    expect((await h.http('POST', `/postings/${postingId}/approve`, officer)).body).toMatchObject({ status: 'open' });

    await h.settle();
    const shown = await h.http('GET', `/postings/${postingId}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ status: 'open', category: 'housekeeping', payMode: 'daily', pay: { minFen: 2500, maxFen: 3500, unit: 'hour' } });
    expect(JSON.stringify(shown.body)).not.toContain('江亭路');
    const queue = await h.http('GET', '/employers?status=approved', officer);
    expect((queue.body as { items: { employerId: string }[] }).items.map((e) => e.employerId)).toContain(employer.employerId);
  });

  it('keeps seekers and employers apart from officers: each token passes only its own routes', async () => {
    const employer = await registerCompany('13700000004');
    expect((await h.http('GET', '/seekers/me', { token: employer.token })).status).toBe(401);
    expect((await h.http('GET', '/employers', { token: employer.token })).status).toBe(401);
    expect((await h.http('GET', '/employers/me', { token: await h.token('district_officer') })).status).toBe(401);
    expect((await h.http('POST', `/employers/${employer.employerId}/approve`, { token: await h.token('station_manager', { station: 'station-1' }) })).status).toBe(403);
  });

  it('signs a seeker in by mobile and code, shows their profile masked', async () => {
    const code = await h.registrationCode('13700000005', 'seeker');
    const registered = await h.http('POST', '/seekers', {
      body: { name: '庞秀英', idNumber: '11010519491231002X', mobile: '13700000005', code, home: { lng: 106.27, lat: 29.97 }, preferences: samplePreferences({ homeStreetCode: h.street }) },
    });
    expect(registered.status).toBe(201);
    await h.http('POST', '/accounts/codes', { body: { mobile: '13700000005', purpose: 'login', account: 'seeker' } });
    const login = await h.http('POST', '/accounts/sessions', { body: { mobile: '13700000005', code: h.codes.at(-1)!.code, account: 'seeker' } });
    expect(login.status).toBe(201);
    const me = await h.http('GET', '/seekers/me', { token: (login.body as { token: string }).token });
    expect(me.body).toMatchObject({ name: '庞**', idNumber: '110***********002X', mobile: '137****0005', pushes: true });
    const events = await h.db.selectFrom('events').select('data').execute();
    expect(JSON.stringify(events)).not.toMatch(/庞秀英|11010519491231002X|13700000005/);
  });
});
