import { JobsHarness } from '../testing/jobs-harness';

/** Applying and hiring over HTTP against real Postgres and NATS: masked applicants, 签约 closing the headcount, ratings. */
describe('jobs applications and hiring (real Postgres and NATS)', () => {
  let h: JobsHarness;

  beforeAll(async () => {
    h = await JobsHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a seeker applies, the employer sees them masked until inviting, then invite → accept → hire fills a one-place posting; both rate once', async () => {
    const employer = await h.approvedEmployer('13700000101', 'person');
    const postingId = await h.openPosting(employer.token, { headcount: 1 });
    const seeker = await h.registeredSeeker('13700000102');
    const other = await h.registeredSeeker('13700000103', { name: '李桂兰' });

    const applied = await h.http('POST', `/postings/${postingId}/applications`, { token: seeker.token, body: { note: '离家很近' } });
    expect(applied.status).toBe(201);
    const { applicationId } = applied.body as { applicationId: string };
    const again = await h.http('POST', `/postings/${postingId}/applications`, { token: seeker.token, body: {} });
    expect(again.body).toMatchObject({ applicationId, status: 'applied' });
    const otherApplied = await h.http('POST', `/postings/${postingId}/applications`, { token: other.token, body: {} });
    const otherId = (otherApplied.body as { applicationId: string }).applicationId;
    await h.settle();

    const masked = await h.http('GET', `/postings/${postingId}/applications`, { token: employer.token });
    expect(masked.status).toBe(200);
    const first = (masked.body.items as any[]).find((i) => i.applicationId === applicationId);
    expect(first).toMatchObject({ status: 'applied', note: '离家很近', applicant: { name: '庞**', mobile: '137****0102', masked: true } });
    expect(JSON.stringify(masked.body)).not.toMatch(/庞秀英|13700000102|李桂兰/);

    // A seeker cannot read the applicants; another employer's token sees no such posting.
    expect((await h.http('GET', `/postings/${postingId}/applications`, { token: seeker.token })).status).toBe(401);
    const stranger = await h.approvedEmployer('13700000104');
    const foreign = await h.http('GET', `/postings/${postingId}/applications`, { token: stranger.token });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'posting_not_found']);
    const foreignInvite = await h.http('POST', `/employers/me/applications/${applicationId}/invite`, { token: stranger.token, body: {} });
    expect([foreignInvite.status, foreignInvite.body.code]).toEqual([404, 'application_not_found']);

    // Out of order: no hire before the seeker accepted.
    const early = await h.http('POST', `/employers/me/applications/${applicationId}/hire`, { token: employer.token, body: { agreedPayFen: 3000, startDate: '2026-06-03' } });
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect(early.body).toMatchObject({ code: 'application_status_conflict' });

    expect((await h.http('POST', `/employers/me/applications/${applicationId}/invite`, { token: employer.token, body: { message: '周一上午来面谈' } })).body).toMatchObject({ status: 'invited' });
    await h.settle();
    const unmasked = await h.http('GET', `/postings/${postingId}/applications`, { token: employer.token });
    expect((unmasked.body.items as any[]).find((i) => i.applicationId === applicationId).applicant).toEqual({ name: '庞秀英', mobile: '13700000102', masked: false, erased: false });
    expect((unmasked.body.items as any[]).find((i) => i.applicationId === otherId).applicant).toMatchObject({ name: '李**', masked: true });

    // The householder's address is shown to the invited seeker only.
    const mine = await h.http('GET', '/seekers/me/applications', { token: seeker.token });
    expect(mine.body.items[0]).toMatchObject({ applicationId, status: 'invited', message: '周一上午来面谈', address: '江亭路社区5栋2单元', posting: { title: '家政钟点工' } });
    const othersView = await h.http('GET', '/seekers/me/applications', { token: other.token });
    expect(othersView.body.items[0]).toMatchObject({ status: 'applied', address: null });

    expect((await h.http('POST', `/seekers/me/applications/${applicationId}/accept`, { token: seeker.token })).body).toMatchObject({ status: 'accepted' });
    const badTerms = await h.http('POST', `/employers/me/applications/${applicationId}/hire`, { token: employer.token, body: { agreedPayFen: 3000, startDate: '6月3日' } });
    expect([badTerms.status, badTerms.body.code, badTerms.body.field]).toEqual([400, 'validation_failed', 'startDate']);
    const hired = await h.http('POST', `/employers/me/applications/${applicationId}/hire`, { token: employer.token, body: { agreedPayFen: 3000, startDate: '2026-06-03' } });
    expect(hired.status).toBe(200);
    expect(hired.body).toMatchObject({ status: 'hired', posting: { postingId, status: 'filled', hired: 1 } });

    // The headcount is closed: nobody else is hired, nobody new applies.
    await h.http('POST', `/employers/me/applications/${otherId}/invite`, { token: employer.token, body: {} });
    await h.http('POST', `/seekers/me/applications/${otherId}/accept`, { token: other.token });
    const full = await h.http('POST', `/employers/me/applications/${otherId}/hire`, { token: employer.token, body: { agreedPayFen: 3000, startDate: '2026-06-03' } });
    expect([full.status, full.body.code]).toEqual([409, 'posting_not_open']);
    expect((await h.http('GET', '/seekers/me/applications', { token: other.token })).body.items[0].status).not.toBe('hired');
    const late = await h.registeredSeeker('13700000105', { name: '张丽' });
    const lateApply = await h.http('POST', `/postings/${postingId}/applications`, { token: late.token, body: {} });
    expect([lateApply.status, lateApply.body.code]).toEqual([409, 'posting_not_open']);

    // After the hire each side rates once; declining is over.
    const declineAfter = await h.http('POST', `/seekers/me/applications/${applicationId}/decline`, { token: seeker.token, body: {} });
    expect([declineAfter.status, declineAfter.body.code]).toEqual([409, 'application_status_conflict']);
    expect((await h.http('POST', `/seekers/me/applications/${applicationId}/rating`, { token: seeker.token, body: { rating: 5, comment: '按时结算' } })).status).toBe(200);
    const twice = await h.http('POST', `/seekers/me/applications/${applicationId}/rating`, { token: seeker.token, body: { rating: 4 } });
    expect([twice.status, twice.body.code]).toEqual([409, 'already_rated']);
    const outOfRange = await h.http('POST', `/employers/me/applications/${applicationId}/rating`, { token: employer.token, body: { rating: 6 } });
    expect([outOfRange.status, outOfRange.body.code, outOfRange.body.field]).toEqual([400, 'validation_failed', 'rating']);
    expect((await h.http('POST', `/employers/me/applications/${applicationId}/rating`, { token: employer.token, body: { rating: 5 } })).status).toBe(200);
    await h.settle();
    const rated = await h.http('GET', '/seekers/me/applications', { token: seeker.token });
    expect(rated.body.items[0]).toMatchObject({ status: 'hired', agreedPayFen: 3000, startDate: '2026-06-03', ratings: { bySeeker: 5, byEmployer: 5 } });
    const board = await h.db.selectFrom('posting_board').select(['status', 'hired']).where('posting_id', '=', postingId).executeTakeFirstOrThrow();
    expect(board).toEqual({ status: 'filled', hired: 1 });
  });

  it('either side declines before the hire; the events carry no name or mobile', async () => {
    const employer = await h.approvedEmployer('13700000111');
    const postingId = await h.openPosting(employer.token);
    const seeker = await h.registeredSeeker('13700000112');
    const { applicationId } = (await h.http('POST', `/postings/${postingId}/applications`, { token: seeker.token, body: {} })).body as { applicationId: string };
    const declined = await h.http('POST', `/employers/me/applications/${applicationId}/decline`, { token: employer.token, body: { reason: '人已招到' } });
    expect(declined.body).toMatchObject({ status: 'declined' });
    const accept = await h.http('POST', `/seekers/me/applications/${applicationId}/accept`, { token: seeker.token });
    expect([accept.status, accept.body.code]).toEqual([409, 'application_status_conflict']);
    const unknown = await h.http('POST', `/seekers/me/applications/${employer.employerId}/accept`, { token: seeker.token });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'application_not_found']);
    const events = await h.db.selectFrom('events').select('data').execute();
    expect(JSON.stringify(events)).not.toMatch(/庞秀英|13700000112|11010519491231002X/);
  });

  it('takes a worker\'s report of a posting once per person, without naming them; officers see the count', async () => {
    const employer = await h.approvedEmployer('13700000121');
    const postingId = await h.openPosting(employer.token);
    const first = await h.registeredSeeker('13700000122');
    const second = await h.registeredSeeker('13700000123', { name: '李桂兰' });
    expect((await h.http('POST', `/postings/${postingId}/reports`, { token: first.token, body: { kind: 'fees', note: '要先交培训费' } })).body).toMatchObject({ reports: 1 });
    expect((await h.http('POST', `/postings/${postingId}/reports`, { token: first.token, body: { kind: 'fake' } })).body).toMatchObject({ reports: 1 });
    expect((await h.http('POST', `/postings/${postingId}/reports`, { token: second.token, body: { kind: 'unpaid_wages' } })).body).toMatchObject({ reports: 2 });
    const badKind = await h.http('POST', `/postings/${postingId}/reports`, { token: second.token, body: { kind: 'rude' } });
    expect([badKind.status, badKind.body.code, badKind.body.field]).toEqual([400, 'validation_failed', 'kind']);
    expect((await h.http('POST', `/postings/${postingId}/reports`, { body: { kind: 'fake' } })).status).toBe(401);
    await h.settle();
    const listed = await h.http('GET', '/postings?status=open', { token: await h.token('district_officer') });
    expect((listed.body.items as Array<{ postingId: string; reports: number }>).find((p) => p.postingId === postingId)!.reports).toBe(2);
    const reported = await h.db.selectFrom('events').select('data').where('type', '=', 'PostingReported').execute();
    expect(reported).toHaveLength(2);
    expect(JSON.stringify(reported)).not.toMatch(new RegExp(`${first.seekerId}|${second.seekerId}`));
  });
});
