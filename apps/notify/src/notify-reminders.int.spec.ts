import { newId } from '@ws/kernel';
import { NotifyHarness } from './testing/notify-harness';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('notify: reminders, officers and station managers (real Postgres and NATS)', () => {
  let notify: NotifyHarness;
  const mobile = '13500000001';

  beforeAll(async () => {
    notify = await NotifyHarness.create();
  }, 60_000);
  afterAll(async () => notify?.close(), 60_000);

  const volunteer = () => {
    const id = newId();
    notify.contacts.set(`volunteer:${id}`, { status: 'ok', address: mobile });
    return id;
  };
  const kindsFor = async (recipientKey: string) =>
    (await notify.db.selectFrom('inbox_messages').select('kind').where('recipient_key', '=', recipientKey).orderBy('created_at').orderBy('message_id').execute()).map((r) => r.kind);
  const officerInbox = async (role: 'station_manager' | 'street_officer' | 'district_officer', extra: { station?: string; street?: string } = {}) =>
    (await notify.http('GET', '/officer-inbox', { token: await notify.token(role, extra) })).body.items as Array<{ kind: string; body: string; link: string }>;

  it('reminds an unanswered invitation a third of its time before it expires, and not an answered one', async () => {
    const start = notify.clock.now();
    const [waiting, answered] = [volunteer(), volunteer()];
    const taskId = newId();
    await notify.publishEvent('dispatch', 'task', taskId, 'TaskCreated', { taskId, title: '急救培训', streetCode: notify.street, deadline: new Date(start.getTime() + DAY).toISOString() });
    const invitations = [newId(), newId()];
    for (const [i, volunteerId] of [waiting, answered].entries()) {
      await notify.publishEvent('dispatch', 'task', taskId, 'InvitationSent', { taskId, invitationId: invitations[i], volunteerId, scope: 'street', expiresAt: new Date(start.getTime() + 30 * 60_000).toISOString() });
    }
    await notify.publishEvent('dispatch', 'task', taskId, 'InvitationAccepted', { taskId, invitationId: invitations[1], volunteerId: answered });
    await notify.deliver();
    notify.clock.advance(19 * 60_000);
    await notify.deliver();
    expect(await kindsFor(`volunteer:${waiting}`)).toEqual(['invitation']);
    notify.clock.advance(60_000);
    await notify.deliver();
    expect(await kindsFor(`volunteer:${waiting}`)).toEqual(['invitation', 'invitation_expiring']);
    expect(await kindsFor(`volunteer:${answered}`)).toEqual(['invitation']);
    // The cancelled task is told to the volunteer who took it.
    await notify.publishEvent('dispatch', 'task', taskId, 'TaskAssigned', { taskId, invitationId: invitations[1], volunteerId: answered, wishIds: [] });
    await notify.publishEvent('dispatch', 'task', taskId, 'TaskCancelled', { taskId, wishIds: [], reason: '活动改期' });
    await notify.deliver();
    expect(await kindsFor(`volunteer:${answered}`)).toEqual(['invitation', 'task_cancelled']);
  });

  it("reminds tomorrow's shift at 18:00 the day before, to whoever holds it then; a swap request and its answer are told", async () => {
    notify.clock.set(new Date('2026-06-03T02:00:00.000Z')); // 10:00 Shanghai
    const [alice, bob] = [volunteer(), volunteer()];
    const stationId = newId();
    await notify.publishEvent('stations', 'station', stationId, 'StationRegistered', { stationId, name: '石梁驿站', streetCode: notify.street });
    await notify.settle();
    const shiftId = newId();
    await notify.publishEvent('dispatch', 'shift', shiftId, 'ShiftScheduled', { shiftId, stationId, streetCode: notify.street, volunteerId: alice, startsAt: '2026-06-04T01:00:00.000Z', endsAt: '2026-06-04T05:00:00.000Z' });
    const requestId = newId();
    await notify.publishEvent('dispatch', 'shift', shiftId, 'ShiftSwapRequested', { shiftId, requestId, stationId, fromVolunteerId: alice, toVolunteerId: bob, startsAt: '2026-06-04T01:00:00.000Z' });
    await notify.publishEvent('dispatch', 'shift', shiftId, 'ShiftSwapAnswered', { shiftId, requestId, fromVolunteerId: alice, toVolunteerId: bob, accepted: true });
    await notify.publishEvent('dispatch', 'shift', shiftId, 'ShiftSwapped', { shiftId, stationId, fromVolunteerId: alice, toVolunteerId: bob });
    await notify.deliver();
    expect(await kindsFor(`volunteer:${bob}`)).toEqual(['swap_requested']);
    expect(await kindsFor(`volunteer:${alice}`)).toEqual(['swap_answered']);
    notify.clock.set(new Date('2026-06-03T09:59:00.000Z')); // 17:59
    await notify.deliver();
    expect(await kindsFor(`volunteer:${bob}`)).toEqual(['swap_requested']);
    notify.clock.set(new Date('2026-06-03T10:00:00.000Z')); // 18:00
    await notify.deliver();
    expect(await kindsFor(`volunteer:${bob}`)).toEqual(['swap_requested', 'shift_tomorrow']);
    expect(await kindsFor(`volunteer:${alice}`)).toEqual(['swap_answered']);
    const sms = notify.sms.to(mobile).at(-1)!;
    expect(sms).toMatchObject({ templateCode: 'SMS_WS_SHIFT_TOMORROW', params: { station: '石梁驿站', from: '6月4日 09:00' } });
  });

  it("tells the station manager of a suspension and a directive received, reminds an upgrade's due date and the issuer's officers of children yet to acknowledge", async () => {
    notify.clock.set(new Date('2026-06-10T02:00:00.000Z'));
    const node = notify.config.node.code;
    const stationId = newId();
    await notify.publishEvent('stations', 'station', stationId, 'StationRegistered', { stationId, name: '荷花驿站', streetCode: notify.street });
    await notify.publishEvent('stations', 'station', stationId, 'StationSuspended', { stationId, reason: '装修', until: null });
    await notify.publishEvent('stations', 'station', stationId, 'UpgradePlanned', { stationId, standard: 'ba_you', lacking: [], specialsLacking: 0, due: '2026-06-20' });
    const received = newId();
    await notify.publishEvent('stations', 'directive-receipt', received, 'DirectiveReceived', { directiveId: received, issuerNode: '33', nodeCode: node });
    const directiveId = newId();
    const [first, second] = [`${node}01`, `${node}02`];
    await notify.publishEvent('stations', 'directive', directiveId, 'DirectiveIssued', { directiveId, issuerNode: node, title: '年底前全部达八有', goal: { kind: 'adopt_standard', standard: 'ba_you' }, children: [first, second], deadline: '2026-06-25' });
    await notify.publishEvent('stations', 'directive-receipt', directiveId, 'DirectiveAcknowledged', { directiveId, issuerNode: node, nodeCode: first });
    await notify.deliver();
    const managerKinds = async () => (await officerInbox('station_manager', { station: stationId })).map((m) => m.kind);
    expect(await managerKinds()).toEqual(['directive_received', 'station_suspended']);

    notify.clock.set(new Date('2026-06-13T00:59:00.000Z')); // 08:59 on 6月13日: upgrade reminder is due at 09:00
    await notify.deliver();
    expect(await managerKinds()).not.toContain('upgrade_deadline');
    notify.clock.set(new Date('2026-06-13T01:00:00.000Z'));
    await notify.deliver();
    expect((await officerInbox('station_manager', { station: stationId }))[0]).toMatchObject({ kind: 'upgrade_deadline', body: expect.stringContaining('八有') });
    notify.clock.set(new Date('2026-06-18T01:00:00.000Z'));
    await notify.deliver();
    const officers = await officerInbox('district_officer');
    expect(officers.find((m) => m.kind === 'directive_deadline')).toMatchObject({ body: expect.stringContaining(`尚有 1 个下级未签收：${second}`), link: `/console/#/directives/${directiveId}` });
  });

  it("composes each officer's daily digest of overdue work once, after 08:00, and only where something is overdue", async () => {
    notify.clock.set(new Date('2026-07-01T02:00:00.000Z'));
    const wishId = newId();
    await notify.publishEvent('wishes', 'wish', wishId, 'WishPosted', {
      wishId, wishNo: 'W0000DIGST', stationId: newId(), communityCode: null, streetCode: notify.street, category: 'repair', text: '漏水', urgency: 'normal', photoRefs: [],
      authorKind: 'worker', memberCard: null, contactRef: null, authorKeyHash: 'h', postedBy: null, moderateBy: '2026-07-04T02:00:00.000Z',
    });
    await notify.publishEvent('wishes', 'wish', wishId, 'WishAccepted', { wishId, streetCode: notify.street, category: 'repair', moderatorId: 'm', deadline: '2026-07-02T02:00:00.000Z' });
    await notify.deliver();
    notify.clock.set(new Date('2026-07-02T23:59:00.000Z')); // 07:59 on 7月3日
    await notify.deliver();
    notify.clock.set(new Date('2026-07-03T00:00:00.000Z')); // 08:00
    await notify.deliver();
    await notify.deliver();
    const street = await officerInbox('street_officer', { street: notify.street });
    const digests = street.filter((m) => m.kind === 'overdue_digest');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.body).toContain('逾期未办结心愿 1 件');
    expect((await officerInbox('district_officer')).filter((m) => m.kind === 'overdue_digest')).toHaveLength(1);
    expect(await officerInbox('street_officer', { street: notify.otherStreet })).toEqual([]);
  });
});
