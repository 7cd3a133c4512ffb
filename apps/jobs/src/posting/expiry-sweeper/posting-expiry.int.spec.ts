import { JobsHarness } from '../../testing/jobs-harness';
import { PostingExpirySweeper } from './posting-expiry-sweeper';

/** Postings past their valid-until expire once, leave search and the public page (real Postgres and NATS). */
describe('posting expiry sweep (real Postgres and NATS)', () => {
  let h: JobsHarness;
  let sweeper: PostingExpirySweeper;
  let company: { employerId: string; token: string };

  beforeAll(async () => {
    h = await JobsHarness.create();
    sweeper = h.app.get(PostingExpirySweeper);
    company = await h.approvedEmployer('13700000301');
  });
  afterAll(async () => {
    await h?.close();
  });

  const expiredEvents = async (postingId: string) =>
    (await h.db.selectFrom('events').select('type').where('stream_id', 'like', `%${postingId}`).execute()).filter((e) => e.type === 'PostingExpired').length;
  const nearby = async () => {
    const response = await h.http('GET', '/postings/nearby?lng=106.276&lat=29.972&radiusKm=5');
    expect(response.status).toBe(200);
    return (response.body as { items: Array<{ postingId: string }> }).items.map((i) => i.postingId);
  };

  it('expires open postings past valid-until exactly once and removes them from search; later ones stay', async () => {
    const soon = await h.openPosting(company.token, { validUntil: '2026-06-05T00:00:00.000Z', title: '短期保洁' });
    const later = await h.openPosting(company.token, { validUntil: '2026-07-01T00:00:00.000Z', title: '长期保姆' });
    await h.settle();
    expect(await nearby()).toEqual(expect.arrayContaining([soon, later]));

    expect(await sweeper.run()).toEqual({ ran: true, result: { expired: 0 } });

    h.clock.set(new Date('2026-06-05T00:00:00.000Z'));
    const [first, concurrent] = await Promise.all([sweeper.run(), sweeper.run()]);
    expect(first).toEqual({ ran: true, result: { expired: 1 } });
    expect(concurrent).toEqual({ ran: true, result: { expired: 1 } });
    expect(await sweeper.run()).toEqual({ ran: true, result: { expired: 0 } });
    await h.settle();

    expect(await expiredEvents(soon)).toBe(1);
    expect(await expiredEvents(later)).toBe(0);
    const board = await h.db.selectFrom('posting_board').select(['posting_id', 'status']).where('posting_id', 'in', [soon, later]).execute();
    expect(Object.fromEntries(board.map((r) => [r.posting_id, r.status]))).toEqual({ [soon]: 'expired', [later]: 'open' });
    expect(await h.db.selectFrom('open_postings').select('posting_id').where('posting_id', '=', soon).execute()).toEqual([]);
    expect(await nearby()).toEqual([later]);
    expect((await h.http('GET', `/postings/${soon}`)).status).toBe(404);
  });
});
