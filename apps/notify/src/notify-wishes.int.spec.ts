import { newId } from '@ws/kernel';
import type { WishPostedData } from '@ws/contracts';
import { NotifyHarness } from './testing/notify-harness';

const MOBILE = '13912345678';

/** A wish's life as the wishes service would publish it, heard by notify on the node's stream. */
describe('notify: a wish author is told each status once, by SMS and in the inbox (real Postgres and NATS)', () => {
  let notify: NotifyHarness;

  beforeAll(async () => {
    notify = await NotifyHarness.create();
  }, 60_000);
  afterAll(async () => notify?.close(), 60_000);

  async function postWish(options: { contact?: boolean; stationId?: string } = {}) {
    const wishId = newId();
    const wishNo = `W${Math.random().toString(36).slice(2, 11).toUpperCase().replace(/[ILOU]/g, '7').padEnd(9, '7')}`;
    const stationId = options.stationId ?? newId();
    const posted: WishPostedData = {
      wishId, wishNo, stationId, communityCode: null, streetCode: notify.street, category: 'repair', text: '充电桩坏了', urgency: 'normal', photoRefs: [],
      authorKind: 'worker', memberCard: null, contactRef: options.contact === false ? null : newId(), authorKeyHash: 'h', postedBy: null, moderateBy: new Date(notify.clock.now().getTime() + 3 * 86_400_000).toISOString(),
    };
    await notify.publishEvent('wishes', 'wish', wishId, 'WishPosted', posted);
    return { wishId, wishNo, stationId };
  }

  it('sends accepted → dispatched → in progress → completed in order, each once, with the short link; the station manager hears of the new wish', async () => {
    const stationId = newId();
    await notify.publishEvent('stations', 'station', stationId, 'StationRegistered', { stationId, name: '荷花驿站', streetCode: notify.street });
    await notify.settle(); // a station exists long before its first wish (each context is read by its own consumer)
    const { wishId, wishNo } = await postWish({ stationId });
    notify.contacts.set(`wish_author:${wishId}`, { status: 'ok', address: MOBILE });
    const taskId = newId();
    await notify.publishEvent('wishes', 'wish', wishId, 'WishAccepted', { wishId, streetCode: notify.street, category: 'repair', moderatorId: 'm', deadline: '2026-06-04T02:00:00.000Z' });
    await notify.publishEvent('wishes', 'wish', wishId, 'WishDispatched', { wishId, decisionId: newId(), taskId });
    await notify.publishEvent('wishes', 'wish', wishId, 'WishInProgress', { wishId, taskId, volunteerId: newId() });
    const completed = await notify.publishEvent('wishes', 'wish', wishId, 'WishCompleted', { wishId, decisionId: newId(), taskId, answer: null, proof: null, confirmBy: '2026-06-08T02:00:00.000Z' });
    // The same event delivered again (a republish past the stream's duplicate window) is not told twice.
    await notify.publishEvent('wishes', 'wish', wishId, 'WishCompleted', completed.data, { eventId: completed.eventId, msgId: newId() });
    await notify.deliver();

    const texts = notify.sms.to(MOBILE);
    expect(texts.map((t) => t.templateCode)).toEqual(['SMS_WS_WISH_ACCEPTED', 'SMS_WS_WISH_DISPATCHED', 'SMS_WS_WISH_IN_PROGRESS', 'SMS_WS_WISH_COMPLETED']);
    expect(texts.every((t) => t.params['no'] === wishNo && t.signName === '工会驿站')).toBe(true);
    expect(texts[0]!.params['link']).toMatch(/^https:\/\/union\.example\.cn\/s\/[0-9a-z]{10}$/);
    expect(notify.sms.refusedSignatures).toBe(0);

    // The short link leads to the wish's page in the worker pages.
    const redirect = await fetch(notify.url(`/s/${texts[0]!.params['link']!.split('/s/')[1]}`), { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`https://union.example.cn/h5/#/wishes/${wishNo}`);
    expect((await fetch(notify.url('/s/nosuchcode0'), { redirect: 'manual' })).status).toBe(404);

    // The author reads the same messages in the inbox with the wish number and author key.
    const proof = notify.prove({ kind: 'wish_author', wishNo, authorKey: 'the-author-key' }, { kind: 'wish_author', id: wishId });
    const inbox = (await notify.http('POST', '/inbox/query', { body: { proof } })).body;
    expect(inbox.items.map((m: { kind: string }) => m.kind)).toEqual(['wish_completed', 'wish_in_progress', 'wish_dispatched', 'wish_accepted']);
    expect(inbox.unread).toBe(4);
    expect(inbox.items[0].body).toContain(wishNo);
    expect(inbox.items[0].link).toBe(`/h5/#/wishes/${wishNo}`);

    // The station manager's inbox, read with their token, has the new wish.
    const manager = await notify.http('GET', '/officer-inbox', { token: await notify.token('station_manager', { station: stationId }) });
    expect(manager.body.items.map((m: { kind: string; body: string }) => [m.kind, m.body.includes('荷花驿站')])).toEqual([['station_new_wish', true]]);
  });

  it('tells an author who left no contact in the inbox only, and one who did not agree to SMS likewise, with the reason kept', async () => {
    const silent = await postWish({ contact: false });
    const unconsented = await postWish();
    notify.contacts.set(`wish_author:${unconsented.wishId}`, { status: 'no_consent' });
    for (const { wishId } of [silent, unconsented]) {
      await notify.publishEvent('wishes', 'wish', wishId, 'WishDeclined', { wishId, reason: '请拨打12345', moderatorId: 'm' });
    }
    const lookupsBefore = notify.lookups.length;
    await notify.deliver();
    const statuses = await notify.db.selectFrom('delivery_status').select(['recipient_key', 'channel', 'status', 'last_error']).where('kind', '=', 'wish_declined').execute();
    expect(statuses.filter((s) => s.recipient_key === `wish_author:${silent.wishId}`).map((s) => s.channel)).toEqual(['inbox']);
    expect(statuses.find((s) => s.recipient_key === `wish_author:${unconsented.wishId}` && s.channel === 'sms')).toMatchObject({ status: 'skipped', last_error: 'no_consent' });
    expect(notify.lookups.length - lookupsBefore).toBe(1);
  });

  it('a wrong proof reads nothing', async () => {
    const refused = await notify.http('POST', '/inbox/query', { body: { proof: { kind: 'wish_author', wishNo: 'W000000000', authorKey: 'guess' } } });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('proof_invalid');
    const incomplete = await notify.http('POST', '/inbox/query', { body: { proof: { kind: 'applicant', mobile: MOBILE } } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.field).toBe('proof.applicationNumber');
  });
});

