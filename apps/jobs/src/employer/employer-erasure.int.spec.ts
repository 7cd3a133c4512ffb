import { JobsHarness } from '../testing/jobs-harness';

/** 注销联系人信息 by an employer, over HTTP against real Postgres and NATS: a company stays, a householder goes. */
describe('jobs employer contact erasure (real Postgres and NATS)', () => {
  let h: JobsHarness;

  beforeAll(async () => {
    h = await JobsHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  const erase = async (token: string, mobile: string) => {
    expect((await h.http('POST', '/employers/me/erasure/code', { token })).status).toBe(202);
    const sent = h.codes.filter((c) => c.mobile === mobile).at(-1)!;
    expect(sent.purpose).toBe('jobs_erasure');
    return h.http('POST', '/employers/me/erasure', { token, body: { code: sent.code } });
  };
  const reviewed = async (employerId: string) => (await h.http('GET', `/employers/${employerId}`, { token: await h.token('street_officer', { street: h.street }) })).body;

  it("a company loses its contact's mobile only: name, credit code, open postings and their work place stay; the session ends, a second erasure is 410", async () => {
    const company = await h.approvedEmployer('13700000601');
    const postingId = await h.openPosting(company.token);
    const seeker = await h.registeredSeeker('13700000602');
    const applied = await h.http('POST', `/postings/${postingId}/applications`, { token: seeker.token, body: {} });
    const { applicationId } = applied.body as { applicationId: string };
    await h.http('POST', `/employers/me/applications/${applicationId}/invite`, { token: company.token, body: {} });

    const wrong = await h.http('POST', '/employers/me/erasure', { token: company.token, body: { code: '000000' } });
    expect([wrong.body.code, wrong.body.field]).toEqual(['code_invalid', 'code']);

    const erased = await erase(company.token, '13700000601');
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ employerId: company.employerId, erased: true, withdrawnPostings: 0 });
    await h.settle();

    expect(await reviewed(company.employerId)).toMatchObject({ name: '重庆某某家政服务有限公司', creditCode: '91350100M000100Y43', mobile: null, status: 'approved' });
    expect((await h.http('GET', `/postings/${postingId}`)).body).toMatchObject({ status: 'open' });
    expect((await h.http('GET', '/seekers/me/applications', { token: seeker.token })).body.items[0]).toMatchObject({ address: '江亭路社区5栋2单元' });
    const events = await h.streamEvents(`jobs.employer.${company.employerId}.>`);
    expect(events.at(-1)).toMatchObject({ type: 'EmployerContactErased', data: { employerId: company.employerId, kind: 'company' } });
    expect(JSON.stringify(events)).not.toContain('13700000601');

    const again = await h.http('POST', '/employers/me/erasure', { token: company.token, body: { code: '000000' } });
    expect([again.status, again.body.code]).toEqual([410, 'personal_data_erased']);
    expect((await h.http('GET', '/postings/mine', { token: company.token })).status).toBe(410);
  });

  it('a householder is a person: their live postings are withdrawn, the review shows 已注销, their address is gone', async () => {
    const householder = await h.approvedEmployer('13700000611', 'person');
    const postingId = await h.openPosting(householder.token);

    const erased = await erase(householder.token, '13700000611');
    expect(erased.body).toEqual({ employerId: householder.employerId, erased: true, withdrawnPostings: 1 });
    await h.settle();

    expect(await reviewed(householder.employerId)).toMatchObject({ name: '已注销', creditCode: null, mobile: null });
    expect((await h.http('GET', `/postings/${postingId}`)).status).toBe(404);
    expect(await h.db.selectFrom('posting_board').select('status').where('posting_id', '=', postingId).execute()).toEqual([{ status: 'withdrawn' }]);
    expect(await h.db.selectFrom('jobs_keys').select('owner_id').where('owner_id', '=', householder.employerId).execute()).toEqual([]);
    expect(await h.db.selectFrom('jobs_vault').select('ref').where('owner_id', '=', householder.employerId).execute()).toEqual([]);
  });
});
