import { KEYSET_REFUSED, keysetRefusals, walkKeysetPages } from '@ws/testing';
import { DispatchHarness } from '../../testing/dispatch-harness';

describe('the volunteer roster, paged on the server (real Postgres and NATS)', () => {
  let h: DispatchHarness;

  beforeAll(async () => {
    h = await DispatchHarness.create();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('gives keyset pages of the street’s volunteers, the latest registered first, and refuses a bad limit or cursor in Chinese', async () => {
    const registered: string[] = [];
    for (let i = 0; i < 5; i++) {
      registered.push((await h.registerVolunteer()).volunteerId);
      // Two of them in the same millisecond: the id breaks the tie.
      if (i !== 2) h.clock.advance(1000);
    }
    await h.settle();
    const officer = await h.token('street_officer', { street: h.street });
    const get = (query: string) => h.http('GET', `/volunteers?${query}`, { token: officer });

    const first = await get('limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.next).toBe('string');
    const second = await get(`limit=2&after=${encodeURIComponent(first.body.next)}`);
    expect(second.body.items.map((v: { volunteerId: string }) => v.volunteerId)).not.toContain(first.body.items[0].volunteerId);

    const walked = await walkKeysetPages(get, 2, (v: { volunteerId: string }) => v.volunteerId);
    expect([...walked].sort()).toEqual([...registered].sort());
    expect(walked[0]).toBe(registered[4]);
    expect(walked[4]).toBe(registered[0]);
    // One page holds them all by default (50); the last page says so with next: null.
    expect(await get('')).toMatchObject({ status: 200, body: { items: expect.any(Array), next: null } });
    expect((await get('')).body.items).toHaveLength(5);

    expect(await keysetRefusals(get)).toEqual(KEYSET_REFUSED);
  });
});
