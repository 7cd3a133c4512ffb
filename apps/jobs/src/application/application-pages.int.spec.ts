import { KEYSET_REFUSED, keysetRefusals, walkKeysetPages } from '@ws/testing';
import { JobsHarness } from '../testing/jobs-harness';

/** The jobs lists that were cut short (at 200 or 500, next: null) are keyset pages like every list. */
describe('jobs applications, postings and reports pages (real Postgres and NATS)', () => {
  let h: JobsHarness;

  beforeAll(async () => {
    h = await JobsHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("pages the employer's applicants, the seeker's applications, the employer's postings and a posting's reports by next, never cut short", async () => {
    const employer = await h.approvedEmployer('13700000131');
    const postings = [await h.openPosting(employer.token), await h.openPosting(employer.token), await h.openPosting(employer.token)];
    const seekers = [await h.registeredSeeker('13700000132'), await h.registeredSeeker('13700000133'), await h.registeredSeeker('13700000134')];
    for (const seeker of seekers) await h.http('POST', `/postings/${postings[0]}/applications`, { token: seeker.token, body: {} });
    for (const postingId of postings) await h.http('POST', `/postings/${postingId}/applications`, { token: seekers[0]!.token, body: {} });
    for (const seeker of seekers) await h.http('POST', `/postings/${postings[0]}/reports`, { token: seeker.token, body: { kind: 'fake' } });
    await h.settle();
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
});
