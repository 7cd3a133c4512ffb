import type { PostingDrafted, PostingMatched } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { NotifyHarness } from './testing/notify-harness';

/** 23:30 in Shanghai. */
const NIGHT = new Date('2026-06-03T15:30:00.000Z');
const SEVEN_AM = new Date('2026-06-03T23:00:00.000Z');

/** 精准推送 through notify: jobs' PostingMatched facts become messages to seekers (real Postgres and NATS, owners played here). */
describe('notify: matched job postings told to seekers (real Postgres and NATS)', () => {
  let notify: NotifyHarness;

  beforeAll(async () => {
    notify = await NotifyHarness.create({ dailyCap: 2 });
  }, 60_000);
  afterAll(async () => notify?.close(), 60_000);

  async function posting(title: string): Promise<string> {
    const postingId = newId();
    const data: PostingDrafted['data'] = {
      postingId, employerId: newId(), employerKind: 'person', category: 'housekeeping', payMode: 'daily', pay: { minFen: 3000, maxFen: 4000, unit: 'hour' }, headcount: 1,
      title, description: '做饭、打扫', requirements: '', skills: ['cooking'], schedule: { slots: [], startDate: null, endDate: null }, streetCode: `${notify.config.node.code}001`,
      location: { lng: 106.27, lat: 29.97 }, addressRef: newId(), validUntil: '2026-06-30T00:00:00.000Z',
    };
    await notify.publishEvent('jobs', 'posting', postingId, 'PostingDrafted', data);
    return postingId;
  }
  const matched = (postingId: string, seekerId: string, distanceBand: PostingMatched['data']['distanceBand'] = '3km') =>
    notify.publishEvent<PostingMatched['data']>('jobs', 'posting', postingId, 'PostingMatched', { postingId, seekerId, distanceBand });
  function seeker(mobile: string) {
    const seekerId = newId();
    notify.contacts.set(`seeker:${seekerId}`, { status: 'ok', address: mobile });
    const proof = notify.prove({ kind: 'seeker', token: `token-${seekerId}` }, { kind: 'seeker', id: seekerId });
    return { seekerId, proof };
  }

  it("sends the seeker the matched posting by SMS with its short link to the posting's page, asks jobs for the mobile, and keeps it in the seeker's inbox", async () => {
    notify.clock.set(new Date('2026-06-02T02:00:00.000Z'));
    const mobile = '13600000101';
    const { seekerId, proof } = seeker(mobile);
    const postingId = await posting('家政钟点工');
    const fact = await matched(postingId, seekerId);
    await notify.deliver();

    const [sms, ...more] = notify.sms.to(mobile);
    expect(more).toEqual([]);
    expect(sms).toMatchObject({ templateCode: 'SMS_WS_JOB_MATCHED', params: { job: '家政钟点工', distance: '3公里内' } });
    expect(sms!.params['link']).toMatch(/^https:\/\/union\.example\.cn\/s\/[0-9a-z]{10}$/);
    const followed = await fetch(notify.url(`/s/${sms!.params['link']!.split('/s/')[1]}`), { redirect: 'manual' });
    expect([followed.status, followed.headers.get('location')]).toEqual([302, `https://union.example.cn/h5/#/jobs/postings/${postingId}`]);
    expect(notify.lookups.filter((l) => l.recipient.id === seekerId)).toEqual([expect.objectContaining({ recipient: { kind: 'seeker', id: seekerId }, purpose: 'job_matched' })]);

    const inbox = (await notify.http('POST', '/inbox/query', { body: { proof } })).body;
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'job_matched', link: `/h5/#/jobs/postings/${postingId}` });
    expect(inbox.items[0].body).toContain('距您家3公里内的家政服务岗位「家政钟点工」（日结）');

    // The same fact delivered again tells nobody twice.
    await notify.publishEvent('jobs', 'posting', postingId, 'PostingMatched', fact.data, { eventId: fact.eventId, msgId: newId() });
    await notify.deliver();
    expect(notify.sms.to(mobile)).toHaveLength(1);
    expect((await notify.http('POST', '/inbox/query', { body: { proof } })).body.items).toHaveLength(1);
  });

  it('keeps quiet hours, the SMS opt-out, the daily cap, and the answer of jobs when the seeker turned pushes off', async () => {
    notify.clock.set(NIGHT);
    const mobile = '13600000102';
    const { seekerId, proof } = seeker(mobile);
    await matched(await posting('搬家小工'), seekerId, '1km');
    await notify.deliver();
    expect(notify.sms.to(mobile)).toEqual([]);
    notify.clock.set(SEVEN_AM);
    await notify.tick();
    expect(notify.sms.to(mobile).map((s) => s.templateCode)).toEqual(['SMS_WS_JOB_MATCHED']);

    // Cap of two a day (Shanghai): the third push of the day is in the inbox only.
    await matched(await posting('保洁'), seekerId);
    await matched(await posting('护工'), seekerId);
    await notify.deliver();
    expect(notify.sms.to(mobile)).toHaveLength(2);

    // The seeker turns SMS off in notify's preferences: nothing more by SMS, the inbox still fills.
    notify.clock.set(new Date('2026-06-04T03:00:00.000Z'));
    await notify.http('POST', '/inbox/preferences', { body: { proof, smsOff: true } });
    await matched(await posting('送水'), seekerId);
    await notify.deliver();
    expect(notify.sms.to(mobile)).toHaveLength(2);
    const statuses = await notify.db.selectFrom('delivery_status').select(['status', 'last_error']).where('recipient_key', '=', `seeker:${seekerId}`).where('channel', '=', 'sms').execute();
    // Sent ones may already be reported delivered by the gateway.
    expect(statuses.map((s) => `${s.status === 'delivered' ? 'sent' : s.status}:${s.last_error ?? ''}`).sort()).toEqual(['sent:', 'sent:', 'skipped:daily_cap', 'skipped:opted_out']);
    expect((await notify.http('POST', '/inbox/query', { body: { proof } })).body.items).toHaveLength(4);

    // Jobs answers no_consent for a seeker who turned pushes off there.
    const quiet = newId();
    notify.contacts.set(`seeker:${quiet}`, { status: 'no_consent' });
    await matched(await posting('修水管'), quiet);
    await notify.deliver();
    const refused = await notify.db.selectFrom('delivery_status').select(['status', 'last_error']).where('recipient_key', '=', `seeker:${quiet}`).where('channel', '=', 'sms').execute();
    expect(refused).toEqual([{ status: 'skipped', last_error: 'no_consent' }]);
  });
});
