import { JobsHarness } from '../testing/jobs-harness';

/** 注销个人信息 by the seeker, over HTTP against real Postgres and NATS: crypto-shredding and what everyone sees after. */
describe('jobs seeker erasure (real Postgres and NATS)', () => {
  let h: JobsHarness;

  beforeAll(async () => {
    h = await JobsHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  const erasureCode = async (token: string, mobile: string) => {
    const asked = await h.http('POST', '/seekers/me/erasure/code', { token });
    expect(asked.status).toBe(202);
    const sent = h.codes.filter((c) => c.mobile === mobile).at(-1)!;
    expect(sent.purpose).toBe('jobs_erasure');
    return sent.code;
  };

  it('withdraws open applications, deletes the key, names nobody in its event, ends the session; the employer sees 已注销, matching skips them, a second erasure is 410', async () => {
    const employer = await h.approvedEmployer('13700000501', 'person');
    const postingId = await h.openPosting(employer.token);
    const seeker = await h.registeredSeeker('13700000502', { name: '庞秀英' });
    const stays = await h.registeredSeeker('13700000503', { name: '李桂兰' });
    const applied = await h.http('POST', `/postings/${postingId}/applications`, { token: seeker.token, body: { note: '离家很近' } });
    const { applicationId } = applied.body as { applicationId: string };
    await h.http('POST', `/employers/me/applications/${applicationId}/invite`, { token: employer.token, body: {} });
    await h.settle();

    // A wrong code is refused at its field, and nothing is erased.
    const code = await erasureCode(seeker.token, '13700000502');
    const wrong = await h.http('POST', '/seekers/me/erasure', { token: seeker.token, body: { code: code === '000000' ? '111111' : '000000' } });
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect([wrong.body.code, wrong.body.field]).toEqual(['code_invalid', 'code']);
    expect((await h.http('GET', '/seekers/me', { token: seeker.token })).status).toBe(200);
    const malformed = await h.http('POST', '/seekers/me/erasure', { token: seeker.token, body: { code: '12' } });
    expect([malformed.status, malformed.body.field]).toEqual([400, 'code']);

    const erased = await h.http('POST', '/seekers/me/erasure', { token: seeker.token, body: { code } });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ seekerId: seeker.seekerId, erased: true, withdrawnApplications: 1 });
    await h.settle();

    // Crypto-shredding: no key, no sealed row, no mobile HMAC left; the event carries the id only.
    expect(await h.db.selectFrom('jobs_keys').select('owner_id').where('owner_id', '=', seeker.seekerId).execute()).toEqual([]);
    expect(await h.db.selectFrom('jobs_vault').select('ref').where('owner_id', '=', seeker.seekerId).execute()).toEqual([]);
    const events = await h.streamEvents(`jobs.seeker.${seeker.seekerId}.>`);
    expect(events.at(-1)).toMatchObject({ type: 'SeekerErased', data: { seekerId: seeker.seekerId } });
    expect(JSON.stringify(events)).not.toMatch(/庞秀英|13700000502|11010519491231002X/);

    // The employer sees the application withdrawn by the seeker and the applicant as 已注销, nothing else.
    const applicants = await h.http('GET', `/postings/${postingId}/applications`, { token: employer.token });
    expect(applicants.status).toBe(200);
    expect((applicants.body.items as any[]).find((i) => i.applicationId === applicationId)).toMatchObject({
      status: 'declined',
      declinedBy: 'seeker',
      applicant: { name: '已注销', mobile: null, masked: true, erased: true },
    });
    expect(JSON.stringify(applicants.body)).not.toMatch(/庞|13700000502|0502/);

    // The session is over: every seeker route, the erasure again included, answers 410.
    const again = await h.http('POST', '/seekers/me/erasure', { token: seeker.token, body: { code } });
    expect([again.status, again.body.code]).toEqual([410, 'personal_data_erased']);
    expect((await h.http('GET', '/seekers/me/applications', { token: seeker.token })).status).toBe(410);
    // Nobody signs in with the erased mobile (no account holds it any more).
    const signIn = await h.http('POST', '/accounts/sessions', { body: { mobile: '13700000502', code, account: 'seeker' } });
    expect([signIn.status, signIn.body.code]).toEqual([422, 'code_invalid']);

    // Matching skips them: a new posting near both reaches the other seeker only.
    const next = await h.openPosting(employer.token, { title: '做午饭' });
    await h.settle();
    await h.reactionsIdle();
    const pushed = await h.db.selectFrom('job_pushes').select('seeker_id').where('posting_id', '=', next).execute();
    expect(pushed.map((p) => p.seeker_id)).toEqual([stays.seekerId]);
  });
});
