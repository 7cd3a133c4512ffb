import { WISH_CATEGORY_LABELS, WISH_STATUS_LABELS } from '@ws/contracts';
import { eventually, KEYSET_REFUSED, keysetRefusals, walkKeysetPages } from '@ws/testing';
import { WishesHarness } from '../testing/wishes-harness';

describe('the street officer’s lists paged on the server: 随手拍 and the 需求清单’s groups (real Postgres and NATS)', () => {
  let h: WishesHarness;

  beforeAll(async () => {
    h = await WishesHarness.create();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('gives keyset pages of the street’s reports, the latest first, by status, and refuses a bad limit or cursor in Chinese', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      const body = { streetCode: h.street, location: { lng: 118.8712, lat: 28.9411 }, text: `路口井盖缺失 ${i}` };
      const answer = await h.http('POST', '/reports', { body, headers: { 'idempotency-key': `report-page-${i}-0000` } });
      expect(answer.status).toBe(201);
      sent.push(answer.body.reportId);
      // Two of them in the same millisecond: the id breaks the tie.
      if (i !== 2) h.clock.advance(1000);
    }
    const officer = await h.token('street_officer', { street: h.street });
    expect((await h.http('POST', `/reports/${sent[0]}/reject`, { token: officer, body: { reason: '现场核实无此问题' } })).status).toBeLessThan(300);
    await h.settle();
    const list = (query: string) => h.http('GET', `/streets/${h.street}/reports?${query}`, { token: officer });

    const first = await list('limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].reportId).toBe(sent[4]);
    const second = await list(`limit=2&after=${encodeURIComponent(first.body.next)}`);
    expect(second.status).toBe(200);
    expect(second.body.items.map((r: { reportId: string }) => r.reportId)).not.toContain(first.body.items[1].reportId);

    const all = await walkKeysetPages(list, 2, (r: { reportId: string }) => r.reportId);
    expect([...all].sort()).toEqual([...sent].sort());
    expect(all.at(-1)).toBe(sent[0]);
    const waiting = await walkKeysetPages((query) => list(`status=submitted&${query}`), 3, (r: { reportId: string }) => r.reportId);
    expect([...waiting].sort()).toEqual(sent.slice(1).sort());

    expect(await keysetRefusals(list)).toEqual(KEYSET_REFUSED);
  });

  it('gives a group of the 需求清单 in keyset pages, the oldest first, as its first wishes are listed', async () => {
    const station = await h.registerStation();
    await eventually(async () => (await h.db.selectFrom('known_stations').select('station_id').where('station_id', '=', station.stationId).execute()).length === 1, { what: 'station known' });
    const manager = await h.token('station_manager', { station: station.stationId });
    const accepted: string[] = [];
    for (let i = 0; i < 5; i++) {
      const posted = await h.http('POST', '/wishes', { body: { stationId: station.stationId, category: 'repair', text: `第${i + 1}个充电桩坏了` } });
      expect(posted.status).toBe(201);
      expect((await h.http('POST', `/wishes/${posted.body.wishId}/accept`, { token: manager })).status).toBe(200);
      accepted.push(posted.body.wishId);
      if (i !== 2) h.clock.advance(1000);
    }
    await h.settle();
    const officer = await h.token('street_officer', { street: h.street });
    const group = (query: string) => h.http('GET', `/streets/${h.street}/demand/repair?${query}`, { token: officer });

    const first = await group('limit=2');
    expect(first.body.items.map((w: { wishId: string }) => w.wishId)).toEqual(accepted.slice(0, 2));
    const second = await group(`limit=2&after=${encodeURIComponent(first.body.next)}`);
    expect(second.body.items).toHaveLength(2);
    const walked = await walkKeysetPages(group, 2, (w: { wishId: string }) => w.wishId);
    expect([...walked].sort()).toEqual([...accepted].sort());
    expect(walked[0]).toBe(accepted[0]);
    expect(walked[4]).toBe(accepted[4]);
    // The list's group shows the same wishes in the same order.
    const list = await h.http('GET', `/streets/${h.street}/demand`, { token: officer });
    expect(list.body.groups.find((g: { category: string }) => g.category === 'repair').wishes.map((w: { wishId: string }) => w.wishId)).toEqual(walked);

    expect(await keysetRefusals(group)).toEqual(KEYSET_REFUSED);
    const unknown = await h.http('GET', `/streets/${h.street}/demand/teleportation`, { token: officer });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'validation_failed', field: 'category' } });
    expect((await h.http('GET', `/streets/${h.otherStreet}/demand/repair`, { token: officer })).status).toBe(403);
  });

  it('names the codes for the pages: wish categories and statuses, and the 随手拍 statuses', async () => {
    const labels = (await h.http('GET', '/labels')).body;
    expect(labels.categories).toContainEqual({ code: 'repair', label: WISH_CATEGORY_LABELS.repair });
    expect(labels.statuses.map((s: { code: string }) => s.code)).toEqual(Object.keys(WISH_STATUS_LABELS));
    expect(labels.reportStatuses).toEqual([
      { code: 'submitted', label: '待审核' },
      { code: 'valid', label: '有效' },
      { code: 'rejected', label: '无效' },
    ]);
  });
});
