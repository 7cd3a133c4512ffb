import { newId } from '@ws/kernel';
import { NotifyCodeSender } from '@ws/verification';
import { NATS } from '@ws/platform';
import type { BusConnection } from '@ws/messaging';
import { NotifyHarness } from './testing/notify-harness';

/** 23:30 in Shanghai. */
const NIGHT = new Date('2026-06-01T15:30:00.000Z');
const SEVEN_AM = new Date('2026-06-01T23:00:00.000Z');

describe('notify: quiet hours, opt-outs, daily caps and codes (real Postgres and NATS)', () => {
  let notify: NotifyHarness;

  beforeAll(async () => {
    notify = await NotifyHarness.create({ dailyCap: 3 });
  }, 60_000);
  afterAll(async () => notify?.close(), 60_000);

  async function applicant(mobile: string) {
    const applicationId = newId();
    const applicationNumber = `RH330802${newId().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    notify.contacts.set(`applicant:${applicationId}`, { status: 'ok', address: mobile });
    await notify.publishEvent('membership', 'application', applicationId, 'ApplicationSubmitted', {
      applicationId, applicationNumber, personId: newId(), unionId: newId(), occupation: 'rider', employer: null, streetCode: null, stationId: null, channel: 'online',
    });
    return { applicationId, applicationNumber };
  }

  it('holds a status SMS in quiet hours until 07:00 Shanghai, but sends an invitation at once', async () => {
    notify.clock.set(NIGHT);
    const mobile = '13600000001';
    await applicant(mobile);
    const volunteerId = newId();
    notify.contacts.set(`volunteer:${volunteerId}`, { status: 'ok', address: mobile });
    const taskId = newId();
    await notify.publishEvent('dispatch', 'task', taskId, 'InvitationSent', { taskId, invitationId: newId(), volunteerId, scope: 'street', expiresAt: new Date(NIGHT.getTime() + 3600_000).toISOString() });
    await notify.deliver();
    expect(notify.sms.to(mobile).map((s) => s.templateCode)).toEqual(['SMS_WS_INVITATION']);
    notify.clock.set(new Date(SEVEN_AM.getTime() - 1000));
    await notify.tick();
    expect(notify.sms.to(mobile)).toHaveLength(1);
    notify.clock.set(SEVEN_AM);
    await notify.tick();
    expect(notify.sms.to(mobile).map((s) => s.templateCode)).toEqual(['SMS_WS_INVITATION', 'SMS_WS_APPLICATION_RECEIVED']);
  });

  it('keeps to the opt-out of a channel and to the daily cap, and the inbox still has everything', async () => {
    notify.clock.set(new Date('2026-06-02T02:00:00.000Z'));
    const mobile = '13600000002';
    const { applicationId, applicationNumber } = await applicant(mobile);
    await notify.deliver();
    const proof = notify.prove({ kind: 'applicant', applicationNumber, mobile }, { kind: 'applicant', id: applicationId });
    const off = await notify.http('POST', '/inbox/preferences', { body: { proof, smsOff: true } });
    expect(off.body.channels.find((c: { channel: string }) => c.channel === 'sms')).toMatchObject({ off: true });
    await notify.publishEvent('membership', 'application', applicationId, 'ApplicationInfoRequested', { applicationId, fields: ['employer'], note: '请补充用工单位' });
    await notify.deliver();
    expect(notify.sms.to(mobile).map((s) => s.templateCode)).toEqual(['SMS_WS_APPLICATION_RECEIVED']);
    await notify.http('POST', '/inbox/preferences', { body: { proof, smsOff: false } });

    // Cap 3 a day: the fourth and fifth status SMS of the day are not sent, their inbox copies are there.
    for (const reason of ['not_eligible', 'other', 'incomplete', 'duplicate']) {
      await notify.publishEvent('membership', 'application', applicationId, 'ApplicationRejected', { applicationId, reason, note: '' });
    }
    await notify.deliver();
    expect(notify.sms.to(mobile)).toHaveLength(3);
    const skipped = await notify.db.selectFrom('delivery_status').select(['kind', 'status', 'last_error']).where('recipient_key', '=', `applicant:${applicationId}`).where('channel', '=', 'sms').execute();
    expect(skipped.map((s) => `${s.kind}:${s.status}:${s.last_error ?? ''}`).sort()).toEqual([
      'application_info_requested:skipped:opted_out',
      'application_received:sent:',
      'application_rejected:sent:',
      'application_rejected:sent:',
      'application_rejected:skipped:daily_cap',
      'application_rejected:skipped:daily_cap',
    ]);
    const inbox = (await notify.http('POST', '/inbox/query', { body: { proof, limit: 2 } })).body;
    expect(inbox.unread).toBe(6);
    expect(inbox.items).toHaveLength(2);
    const rest = (await notify.http('POST', '/inbox/query', { body: { proof, after: inbox.next } })).body;
    expect(rest.items).toHaveLength(4);
    expect(rest.next).toBeNull();
    const read = await notify.http('POST', '/inbox/read', { body: { proof, messageIds: [inbox.items[0].messageId, newId()] } });
    expect(read.body.read).toEqual([inbox.items[0].messageId]);
    await notify.settle();
    expect((await notify.http('POST', '/inbox/query', { body: { proof } })).body.unread).toBe(5);
  });

  it('sends a verification code by SMS through the request subject, at night too, and keeps nothing of it', async () => {
    notify.clock.set(NIGHT);
    const sender = new NotifyCodeSender(notify.app.get<BusConnection>(NATS), notify.config.node.code);
    const mobile = '13600000003';
    const requestId = newId();
    await sender.send({ mobile, purpose: 'join', code: '482913', expiresAt: new Date(NIGHT.getTime() + 300_000).toISOString(), requestId });
    // The caller retried the same request: one SMS.
    await sender.send({ mobile, purpose: 'join', code: '482913', expiresAt: new Date(NIGHT.getTime() + 300_000).toISOString(), requestId });
    expect(notify.sms.to(mobile).map((s) => [s.templateCode, s.params['code'], s.outId])).toEqual([['SMS_WS_VERIFICATION_CODE', '482913', requestId]]);
    notify.sms.next('http_500', 3);
    await expect(sender.send({ mobile, purpose: 'join', code: '111111', expiresAt: NIGHT.toISOString(), requestId: newId() })).rejects.toThrow(/http_500/);
    await expect(sender.send({ mobile: 'not-a-mobile', purpose: 'join', code: '111111', expiresAt: NIGHT.toISOString(), requestId: newId() })).rejects.toThrow(/invalid_request/);
    const stored = JSON.stringify(await notify.db.selectFrom('events').selectAll().execute()) + JSON.stringify(await notify.db.selectFrom('delivery_status').selectAll().execute());
    expect(stored).not.toContain(mobile);
    expect(stored).not.toContain('482913');
  });
});
