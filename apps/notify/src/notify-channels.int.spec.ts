import { CHANNEL_LABELS, RECIPIENT_KINDS } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { eventually, PushSubscriber, verifyVapid } from '@ws/testing';
import { NotifyHarness, VAPID } from './testing/notify-harness';

const MOBILE = '13700001111';

/** The browsers subscribed in these tests (real P-256 keys: web-push encrypts to them), by subscription id. */
const browsers = new Map<string, PushSubscriber>();

/** A browser's push subscription at the fake push service. */
function subscription(notify: NotifyHarness, id: string) {
  const browser = new PushSubscriber();
  browsers.set(id, browser);
  return browser.subscription(notify.push.endpoint(id));
}

describe('notify: gateways, retries and the other channels (real Postgres and NATS, fake gateways)', () => {
  let notify: NotifyHarness;

  beforeAll(async () => {
    notify = await NotifyHarness.create({ maxAttempts: 3 });
  }, 60_000);
  afterAll(async () => notify?.close(), 60_000);

  /** A volunteer who agreed to SMS, bound a browser for push and WeChat, and is invited to a task. */
  async function invitedVolunteer(options: { push?: boolean; wechat?: boolean } = {}) {
    const volunteerId = newId();
    const token = `volunteer-token-${volunteerId}`;
    notify.contacts.set(`volunteer:${volunteerId}`, { status: 'ok', address: MOBILE });
    const proof = notify.prove({ kind: 'volunteer', token }, { kind: 'volunteer', id: volunteerId });
    const pushId = newId();
    if (options.push) expect((await notify.http('POST', '/inbox/bindings', { body: { proof, channel: 'push', subscription: subscription(notify, pushId), consent: true } })).status).toBe(200);
    if (options.wechat) expect((await notify.http('POST', '/inbox/bindings', { body: { proof, channel: 'wechat', openId: `oWx${volunteerId.slice(0, 8)}`, consent: true } })).status).toBe(200);
    const taskId = newId();
    await notify.publishEvent('dispatch', 'task', taskId, 'TaskCreated', { taskId, title: '维修充电桩', streetCode: notify.street, deadline: '2026-06-03T02:00:00.000Z' });
    const invitationId = newId();
    const sent = await notify.publishEvent('dispatch', 'task', taskId, 'InvitationSent', {
      taskId, invitationId, volunteerId, scope: 'street', expiresAt: new Date(notify.clock.now().getTime() + 30 * 60_000).toISOString(),
    });
    await notify.settle();
    const message = await notify.db.selectFrom('inbox_messages').select('message_id').where('recipient_key', '=', `volunteer:${volunteerId}`).where('kind', '=', 'invitation').executeTakeFirstOrThrow();
    return { volunteerId, proof, pushId, invitationId, messageId: message.message_id, eventId: sent.eventId };
  }

  it('names its channels, delivery statuses and recipient kinds for the pages', async () => {
    const { status, body } = await notify.http('GET', '/labels');
    expect(status).toBe(200);
    expect(body.channels).toEqual(Object.entries(CHANNEL_LABELS).map(([code, label]) => ({ code, label })));
    expect(body.deliveryStatuses).toContainEqual({ code: 'skipped', label: '未发送' });
    expect(body.recipientKinds.map((k: { code: string }) => k.code)).toEqual([...RECIPIENT_KINDS]);
    expect(body.recipientKinds).toContainEqual({ code: 'node_stations', label: '本节点站长' });
  });

  it('binds a subscription only at a push service the node allows: never an address on its own network', async () => {
    const volunteerId = newId();
    const proof = notify.prove({ kind: 'volunteer', token: `volunteer-token-${volunteerId}` }, { kind: 'volunteer', id: volunteerId });
    const keys = subscription(notify, newId()).keys;
    for (const endpoint of ['http://10.0.0.5:5432/', 'https://127.0.0.1/push/1', 'https://fcm.googleapis.com.evil.cn/send/1']) {
      const refused = await notify.http('POST', '/inbox/bindings', { body: { proof, channel: 'push', subscription: { endpoint, keys }, consent: true } });
      expect(refused).toMatchObject({ status: 422, body: { code: 'push_endpoint_refused', field: 'subscription.endpoint' } });
    }
    expect(await notify.db.selectFrom('channel_bindings').select('recipient_key').where('recipient_key', '=', `volunteer:${volunteerId}`).execute()).toEqual([]);
  });

  it('retries a gateway that answers 500 or times out, later each time, then marks the SMS failed — push and WeChat deliver meanwhile', async () => {
    notify.sms.next('http_500');
    notify.sms.next('hang', 2);
    const { messageId, pushId, invitationId } = await invitedVolunteer({ push: true, wechat: true });
    await notify.tick();
    await notify.settle();
    // Attempt 1: 500; push and WeChat went out at once.
    expect(await notify.deliveryStatus(messageId)).toEqual({ inbox: 'delivered', sms: 'pending', push: 'sent', wechat: 'sent' });
    expect(notify.push.received.filter((p) => p.subscription === pushId)).toHaveLength(1);
    const pushed = notify.push.received.find((p) => p.subscription === pushId)!;
    expect(pushed.encoding).toBe('aes128gcm');
    expect(verifyVapid(pushed.authorization, VAPID.publicKey, new URL(notify.push.base).origin)).toMatchObject({ sub: 'mailto:test@example.cn' });
    // Only the subscribed browser can read it: the invitation's title, body and link.
    expect(JSON.parse(browsers.get(pushId)!.decrypt(pushed.body))).toMatchObject({ kind: 'invitation', title: expect.stringContaining('邀请'), url: expect.stringMatching(/^https:\/\/union\.example\.cn\//) });
    expect(() => new PushSubscriber().decrypt(pushed.body)).toThrow();
    expect(notify.wechat.sent.at(-1)).toMatchObject({ template_id: 'tmpl-invitation', page: expect.stringMatching(/^https:\/\/union\.example\.cn\/s\//) });

    const retry = await notify.db.selectFrom('delivery_queue').select(['due_at', 'attempts']).where('message_id', '=', messageId).executeTakeFirstOrThrow();
    expect(retry.due_at.getTime() - notify.clock.now().getTime()).toBe(1000); // base 1 s
    notify.clock.advance(1000);
    await notify.tick(); // attempt 2 hangs until the 500 ms gateway timeout
    notify.clock.advance(2000);
    await notify.tick(); // attempt 3 hangs as well: the attempts are used up
    await notify.settle();
    expect(await notify.deliveryStatus(messageId)).toEqual({ inbox: 'delivered', sms: 'failed', push: 'sent', wechat: 'sent' });
    const events = await notify.streamEvents(`notify.message.${messageId}.>`);
    expect(events.filter((e) => (e.data as { channel?: string }).channel === 'sms').map((e) => [e.type, (e.data as { error?: string }).error])).toEqual([
      ['DeliveryAttemptFailed', 'http_500'],
      ['DeliveryAttemptFailed', 'timeout'],
      ['DeliveryFailed', 'timeout'],
    ]);
    expect(notify.sms.sent.filter((s) => s.outId === messageId)).toHaveLength(0);

    // The officers see it, with the reason in words.
    const list = await notify.http('GET', `/deliveries?kind=invitation&channel=sms`, { token: await notify.token('district_officer') });
    expect(list.body.items.find((i: { messageId: string }) => i.messageId === messageId)).toMatchObject({ status: 'failed', statusLabel: '发送失败', attempts: 3, errorLabel: '网关超时' });
    expect((await notify.http('GET', '/deliveries', { token: await notify.token('station_manager', { station: invitationId }) })).status).toBe(403);
  });

  it('fails at once on a permanent refusal, takes the gateway receipt, and drops a push subscription that is gone', async () => {
    notify.sms.next({ code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    const refused = await invitedVolunteer();
    await notify.deliver();
    expect(await notify.deliveryStatus(refused.messageId)).toMatchObject({ sms: 'failed' });

    notify.sms.reportTo = notify.url('/gateways/aliyun/sms-report');
    const delivered = await invitedVolunteer({ push: true });
    try {
      notify.push.gone.add(delivered.pushId);
      await notify.deliver();
      await eventually(async () => (await notify.deliveryStatus(delivered.messageId))['sms'] === 'delivered', { what: 'the SMS receipt' });
    } finally {
      notify.sms.reportTo = undefined;
    }
    expect((await notify.deliveryStatus(delivered.messageId))['push']).toBe('failed');
    expect(await notify.db.selectFrom('channel_bindings').select('binding_id').where('recipient_key', '=', `volunteer:${delivered.volunteerId}`).execute()).toEqual([]);
    // A forged receipt (right message, wrong gateway id) changes nothing.
    const forged = await notify.http('POST', '/gateways/aliyun/sms-report', { body: [{ out_id: refused.messageId, biz_id: 'forged', success: true }] });
    expect(forged.body).toEqual({ code: 0, msg: '成功' });
    await notify.settle();
    expect((await notify.deliveryStatus(refused.messageId))['sms']).toBe('failed');
  });

  it('renews a refused WeChat access token and sends; a refused subscription (43101) fails without retrying', async () => {
    notify.wechat.expireToken();
    const first = await invitedVolunteer({ wechat: true });
    await notify.deliver();
    expect(await notify.deliveryStatus(first.messageId)).toMatchObject({ wechat: 'sent' });
    expect(notify.wechat.tokensIssued).toBeGreaterThanOrEqual(2);
    notify.wechat.next({ code: '43101' });
    const second = await invitedVolunteer({ wechat: true });
    await notify.deliver();
    expect(await notify.deliveryStatus(second.messageId)).toMatchObject({ wechat: 'failed', sms: 'sent' });
  });

  it("binds a channel only with the person's consent, and gives the browser the VAPID key to subscribe with", async () => {
    const volunteerId = newId();
    const proof = notify.prove({ kind: 'volunteer', token: `t-${volunteerId}` }, { kind: 'volunteer', id: volunteerId });
    const refused = await notify.http('POST', '/inbox/bindings', { body: { proof, channel: 'push', subscription: subscription(notify, 'x'), consent: false } });
    expect([refused.status, refused.body.errors?.[0]?.field]).toEqual([400, 'consent']);
    const noSubscription = await notify.http('POST', '/inbox/bindings', { body: { proof, channel: 'push', consent: true } });
    expect([noSubscription.status, noSubscription.body.field]).toEqual([400, 'subscription']);
    expect((await notify.http('GET', '/push/public-key')).body).toEqual({ publicKey: VAPID.publicKey, gateway: 'webpush' });
    const bound = await notify.http('POST', '/inbox/bindings', { body: { proof, channel: 'wechat', openId: 'oWxConsenting', consent: true } });
    expect(bound.body.channels.find((c: { channel: string }) => c.channel === 'wechat')).toMatchObject({ available: true, bound: true, off: false });
    const stored = JSON.stringify(await notify.db.selectFrom('channel_bindings').selectAll().execute());
    expect(stored).not.toContain('oWxConsenting');
    await notify.http('POST', '/inbox/bindings/remove', { body: { proof, channel: 'wechat' } });
    expect(await notify.db.selectFrom('channel_bindings').select('binding_id').where('recipient_key', '=', `volunteer:${volunteerId}`).execute()).toEqual([]);
  });

  it('does not send twice what the gateway took before the process died mid-call (found again by its out id)', async () => {
    notify.sms.next('hang');
    const { messageId } = await invitedVolunteer();
    await notify.tick(); // attempt 1 hangs: it times out, a transient failure
    await notify.settle();
    // As if that process had died after the gateway took the SMS: the SMS is at the gateway, its outcome was never recorded.
    notify.sms.sent.push({ phone: MOBILE, signName: '工会驿站', templateCode: 'SMS_WS_INVITATION', params: {}, outId: messageId, bizId: 'biz-lost', at: notify.clock.now().getTime() });
    await notify.db.updateTable('delivery_queue').set({ claimed_until: new Date(notify.clock.now().getTime() - 1), due_at: notify.clock.now() }).where('message_id', '=', messageId).execute();
    const before = notify.sms.sent.length;
    await notify.tick();
    await notify.settle();
    expect(await notify.deliveryStatus(messageId)).toMatchObject({ sms: 'sent' });
    expect(notify.sms.sent.length).toBe(before);
  });
});
