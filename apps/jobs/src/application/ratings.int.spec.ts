import { eventually } from '@ws/testing';
import { JobsHarness } from '../testing/jobs-harness';

/**
 * Rating after the work over HTTP against real Postgres and NATS: each side of a hire rates the
 * other once (1–5 stars, a short comment), only after the hire; bad input is a problem+json with
 * the field named and nothing stored; a posting shows its employer's count and average, nobody named.
 */
describe('jobs ratings after the work (real Postgres and NATS)', () => {
  let h: JobsHarness;

  beforeAll(async () => {
    h = await JobsHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Applied → invited → accepted (→ hired unless told not to): the application's id. */
  async function throughHire(postingId: string, employerToken: string, seekerToken: string, hire = true): Promise<string> {
    const { applicationId } = (await h.http('POST', `/postings/${postingId}/applications`, { token: seekerToken, body: {} })).body as { applicationId: string };
    expect((await h.http('POST', `/employers/me/applications/${applicationId}/invite`, { token: employerToken, body: {} })).status).toBe(200);
    expect((await h.http('POST', `/seekers/me/applications/${applicationId}/accept`, { token: seekerToken })).status).toBe(200);
    if (hire) expect((await h.http('POST', `/employers/me/applications/${applicationId}/hire`, { token: employerToken, body: { agreedPayFen: 3000, startDate: '2026-06-03' } })).status).toBe(200);
    return applicationId;
  }

  it('both sides rate once after the hire; the posting shows the employer’s count and average only', async () => {
    const employer = await h.approvedEmployer('13700000201', 'person');
    const postingId = await h.openPosting(employer.token, { headcount: 3 });
    const first = await h.registeredSeeker('13700000202', { name: '庞秀英' });
    const second = await h.registeredSeeker('13700000203', { name: '李桂兰' });
    const third = await h.registeredSeeker('13700000204', { name: '张丽' });
    const firstId = await throughHire(postingId, employer.token, first.token);
    const secondId = await throughHire(postingId, employer.token, second.token);
    const notHired = await throughHire(postingId, employer.token, third.token, false);

    // Nothing rated yet: a posting says so, without a made-up average.
    const before = await h.http('GET', `/postings/${postingId}`);
    expect(before.body.employerRating).toEqual({ count: 0, average: null });

    // Not before the hire (accepted only), not someone else's application.
    const early = await h.http('POST', `/seekers/me/applications/${notHired}/rating`, { token: third.token, body: { rating: 5 } });
    expect([early.status, early.body.code]).toEqual([409, 'application_status_conflict']);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    const foreign = await h.http('POST', `/seekers/me/applications/${firstId}/rating`, { token: second.token, body: { rating: 1 } });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'application_not_found']);
    const stranger = await h.approvedEmployer('13700000205');
    const foreignEmployer = await h.http('POST', `/employers/me/applications/${firstId}/rating`, { token: stranger.token, body: { rating: 1 } });
    expect([foreignEmployer.status, foreignEmployer.body.code]).toEqual([404, 'application_not_found']);
    // A seeker's token does not rate as an employer.
    expect((await h.http('POST', `/employers/me/applications/${firstId}/rating`, { token: first.token, body: { rating: 5 } })).status).toBe(401);

    // Bad input: each a problem+json with a stable code, a Chinese message and the field; nothing stored.
    const stored = await h.storedCounts();
    const bad: Array<[unknown, number, string, string]> = [
      [{}, 400, 'validation_failed', 'rating'],
      [{ rating: '5' }, 400, 'validation_failed', 'rating'],
      [{ rating: 4.5 }, 400, 'validation_failed', 'rating'],
      [{ rating: 0 }, 400, 'validation_failed', 'rating'],
      [{ rating: 5, comment: '好'.repeat(101) }, 400, 'validation_failed', 'comment'],
      [{ rating: 5, comment: '有事打 13800001234' }, 422, 'personal_data_in_text', 'comment'],
      [{ rating: 5, stars: 5 }, 400, 'validation_failed', 'stars'],
    ];
    for (const [body, status, code, field] of bad) {
      const refused = await h.http('POST', `/seekers/me/applications/${firstId}/rating`, { token: first.token, body });
      const problem = refused.body as { code: string; field?: string; detail: string; errors?: Array<{ field: string; message: string }> };
      expect({ body, status: refused.status, code: problem.code, field: problem.field ?? problem.errors?.[0]?.field }).toEqual({ body, status, code, field });
      expect(problem.detail ?? problem.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await h.storedCounts()).toEqual(stored);

    // Each side once: the seekers rate the employer (5 and 4), the employer rates a seeker.
    expect((await h.http('POST', `/seekers/me/applications/${firstId}/rating`, { token: first.token, body: { rating: 5, comment: '按时结算' } })).body).toMatchObject({ status: 'hired' });
    expect((await h.http('POST', `/seekers/me/applications/${secondId}/rating`, { token: second.token, body: { rating: 4 } })).status).toBe(200);
    expect((await h.http('POST', `/employers/me/applications/${firstId}/rating`, { token: employer.token, body: { rating: 3, comment: '活干得细，来得晚了点' } })).status).toBe(200);
    const again = await h.http('POST', `/employers/me/applications/${firstId}/rating`, { token: employer.token, body: { rating: 5 } });
    expect([again.status, again.body.code]).toEqual([409, 'already_rated']);

    // The read models: both ratings on the application; the posting shows 2 ratings, 4.5 stars, and nothing personal.
    await eventually(async () => {
      const mine = await h.http('GET', '/seekers/me/applications', { token: first.token });
      return mine.body.items[0]?.ratings?.byEmployer === 3 ? true : undefined;
    }, { what: 'the employer’s rating on the seeker’s application' });
    const mine = await h.http('GET', '/seekers/me/applications', { token: first.token });
    expect(mine.body.items[0]).toMatchObject({ applicationId: firstId, status: 'hired', ratings: { bySeeker: 5, byEmployer: 3 } });
    const applicants = await h.http('GET', `/postings/${postingId}/applications`, { token: employer.token });
    expect((applicants.body.items as any[]).find((a) => a.applicationId === secondId).ratings).toEqual({ bySeeker: 4, byEmployer: null });
    const shown = await eventually(async () => {
      const posting = await h.http('GET', `/postings/${postingId}`);
      return posting.body.employerRating?.count === 2 ? posting.body : undefined;
    }, { what: 'the employer’s rating on the posting' });
    expect(shown.employerRating).toEqual({ count: 2, average: 4.5 });
    expect(JSON.stringify(shown)).not.toMatch(/按时结算|庞秀英|李桂兰|13700000202|seekerId/);

    // The employer's other open posting shows the same figures: they are the employer's, not the posting's.
    const otherPosting = await h.openPosting(employer.token);
    const other = await eventually(async () => {
      const response = await h.http('GET', `/postings/${otherPosting}`);
      return response.status === 200 ? response.body : undefined;
    }, { what: 'the other posting on the board' });
    expect(other.employerRating).toEqual({ count: 2, average: 4.5 });
  });
});
