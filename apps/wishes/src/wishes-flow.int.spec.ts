import type { StationRegistered, TaskEvent } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { eventually } from '@ws/testing';
import { WishesHarness } from './testing/wishes-harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('wishes service (real Postgres and NATS)', () => {
  let h: WishesHarness;
  let station: StationRegistered['data'];
  let otherStation: StationRegistered['data'];

  beforeAll(async () => {
    h = await WishesHarness.create();
    station = await h.registerStation();
    otherStation = await h.registerStation({ name: '另一个站点', communityCode: `${h.street}002` });
    await eventually(async () => (await h.db.selectFrom('known_stations').select('station_id').execute()).length === 2, { what: 'stations known' });
  });

  afterAll(async () => {
    await h?.close();
  });

  const manager = () => h.token('station_manager', { station: station.stationId });
  const officer = () => h.token('street_officer', { street: h.street });

  async function postWish(body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const posted = await h.http('POST', '/wishes', { body: { stationId: station.stationId, category: 'repair', text: '电动车充电桩坏了', ...body }, headers });
    if (posted.status !== 201 && posted.status !== 200) throw new Error(`post failed ${posted.status} ${JSON.stringify(posted.body)}`);
    return posted.body as { wishId: string; wishNo: string; authorKey: string };
  }

  async function acceptedWish(body: Record<string, unknown> = {}) {
    const wish = await postWish(body);
    const accepted = await h.http('POST', `/wishes/${wish.wishId}/accept`, { token: await manager() });
    expect(accepted.status).toBe(200);
    return wish;
  }

  async function wishEvents(wishId: string) {
    await h.settle();
    return (await h.streamEvents(`wishes.wish.${wishId}.>`)).map((e) => e.type);
  }

  const publishTask = (event: TaskEvent, options: { eventId?: string; msgId?: string } = {}) =>
    h.publishEvent('dispatch', 'task', event.data.taskId, event.type, event.data, options);

  it('takes a wish by QR code without an account, keeps the contact out of the events, and answers a replay with the same wish', async () => {
    const key = `post-${newId()}`;
    const first = await h.http('POST', '/wishes', {
      body: { stationId: station.stationId, category: 'first_aid_training', text: '想学心肺复苏', urgency: 'urgent', photoRefs: ['photos/q1.jpg'], memberCard: '3308021234567', contact: '13900001111' },
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', replayed: false });
    expect(first.body.wishNo).toMatch(/^W[0-9A-Z]{9}$/);
    const replay = await h.http('POST', '/wishes', {
      body: { stationId: station.stationId, category: 'first_aid_training', text: '想学心肺复苏', urgency: 'urgent', photoRefs: ['photos/q1.jpg'], memberCard: '3308021234567', contact: '13900001111' },
      headers: { 'idempotency-key': key },
    });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ wishId: first.body.wishId, wishNo: first.body.wishNo, authorKey: first.body.authorKey, replayed: true });
    // The same key with another body (someone else reusing or guessing it) never gets this author's key.
    const reused = await h.http('POST', '/wishes', {
      body: { stationId: station.stationId, category: 'first_aid_training', text: '别人的心愿', urgency: 'normal' },
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(JSON.stringify(reused.body)).not.toContain(first.body.authorKey);
    expect(JSON.stringify(reused.body)).not.toContain(first.body.wishId);

    await h.settle();
    const { rows } = await h.db.selectFrom('events').select(['type', 'data']).execute().then((r) => ({ rows: r }));
    expect(rows.filter((r) => r.type === 'WishPosted')).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('13900001111');
    const page = await h.http('GET', `/wishes/no/${first.body.wishNo.toLowerCase()}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ status: 'submitted', statusLabel: '已提交', author: '会员 ****4567', owner: { kind: 'station', ref: station.stationId }, urgency: 'urgent', photoRefs: ['photos/q1.jpg'] });
    expect(page.body.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(page.body)).not.toContain('3308021234567');

    const contact = await h.http('GET', `/wishes/${first.body.wishId}/contact`, { token: await manager() });
    expect(contact.body).toEqual({ wishId: first.body.wishId, contact: '13900001111' });
    const opened = await h.db.selectFrom('contact_access_log').select(['actor', 'purpose']).where('wish_id', '=', first.body.wishId).execute();
    expect(opened).toEqual([{ actor: `test-station_manager-${station.stationId}`, purpose: 'answer_author' }]);
    const forget = await h.http('POST', `/wishes/no/${first.body.wishNo}/forget-contact`, { body: { authorKey: first.body.authorKey } });
    expect(forget.status).toBe(200);
    const gone = await h.http('GET', `/wishes/${first.body.wishId}/contact`, { token: await manager() });
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('contact_erased');
  });

  it('refuses hostile input with problem+json and records nothing', async () => {
    const before = await h.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const unknown = await h.http('POST', '/wishes', { body: { stationId: newId(), category: 'repair', text: 'x' } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body.code).toBe('station_not_found');
    const notUuid = await h.http('POST', '/wishes', { body: { stationId: '../../etc', category: 'repair', text: 'x' } });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.code).toBe('validation_failed');
    const huge = await h.http('POST', '/wishes', { body: { stationId: station.stationId, category: 'repair', text: '坏'.repeat(5000) } });
    expect(huge.status).toBe(400);
    expect(huge.body.errors[0].field).toBe('text');
    const enormous = await h.http('POST', '/wishes', { raw: JSON.stringify({ stationId: station.stationId, category: 'repair', text: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(enormous.status).toBe(413);
    const badCategory = await h.http('POST', '/wishes', { body: { stationId: station.stationId, category: 'drop table', text: 'x' } });
    expect(badCategory.status).toBe(400);
    const extraField = await h.http('POST', '/wishes', { body: { stationId: station.stationId, category: 'repair', text: 'x', status: 'closed' } });
    expect(extraField.status).toBe(400);
    const blank = await h.http('POST', '/wishes', { body: { stationId: station.stationId, category: 'repair', text: '   ' } });
    expect(blank.status).toBe(400);
    const malformed = await h.http('POST', '/wishes', { raw: '{"stationId":' });
    expect(malformed.status).toBe(400);
    const badNumber = await h.http('GET', '/wishes/no/not-a-number');
    expect(badNumber.status).toBe(404);
    // Personal data typed into the text or the card field would be public and kept for years.
    const mobileInText = await h.http('POST', '/wishes', { body: { stationId: station.stationId, category: 'repair', text: '充电桩坏了，请打 139-1234-5678 找我' } });
    expect(mobileInText.status).toBe(422);
    expect(mobileInText.body).toMatchObject({ code: 'personal_data_in_text', field: 'text' });
    const idAsCard = await h.http('POST', '/wishes', { body: { stationId: station.stationId, category: 'repair', text: '充电桩坏了', memberCard: '11010519491231002X' } });
    expect(idAsCard.body).toMatchObject({ code: 'personal_data_in_text', field: 'memberCard' });
    const controlChars = await h.http('POST', '/wishes', { body: { stationId: station.stationId, category: 'repair', text: '坏了\u0000\u202e' } });
    expect(controlChars.status).toBe(400);
    // A station of another district (seen here from the stream) takes its wishes in its own district.
    const elsewhere = await h.registerStation({ streetCode: '110101001', communityCode: null });
    await eventually(async () => (await h.db.selectFrom('known_stations').select('station_id').where('station_id', '=', elsewhere.stationId).execute()).length === 1, { what: 'foreign station known' });
    const foreign = await h.http('POST', '/wishes', { body: { stationId: elsewhere.stationId, category: 'repair', text: '充电桩坏了' } });
    expect(foreign).toMatchObject({ status: 403, body: { code: 'out_of_scope', field: 'stationId' } });
    const after = await h.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
  it('moderates within scope, with If-Match, and puts the accepted wish on the wall with its 附议', async () => {
    const wish = await postWish({ memberCard: 'A1B2C3D4' });
    await h.settle();
    // Nothing waits unseen: the station's queue shows the wish with its age, the other station's does not.
    h.clock.advance(60_000);
    const queue = await h.http('GET', '/moderation', { token: await manager() });
    expect(queue.body.items.find((w: { wishId: string }) => w.wishId === wish.wishId)).toMatchObject({ author: '会员 ****C3D4', ageSeconds: 60, version: 2 });
    const otherQueue = await h.http('GET', '/moderation', { token: await h.token('station_manager', { station: otherStation.stationId }) });
    expect(otherQueue.body.items.map((w: { wishId: string }) => w.wishId)).not.toContain(wish.wishId);
    const streetQueue = await h.http('GET', '/moderation', { token: await officer() });
    expect(streetQueue.body.items.map((w: { wishId: string }) => w.wishId)).toContain(wish.wishId);
    const foreign = await h.http('POST', `/wishes/${wish.wishId}/accept`, { token: await h.token('station_manager', { station: otherStation.stationId }) });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('out_of_scope');
    const anonymous = await h.http('POST', `/wishes/${wish.wishId}/accept`);
    expect(anonymous.status).toBe(401);
    const stale = await h.http('POST', `/wishes/${wish.wishId}/accept`, { token: await manager(), headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const accepted = await h.http('POST', `/wishes/${wish.wishId}/accept`, { token: await manager(), headers: { 'if-match': '"2"' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', version: 4 });
    const twice = await h.http('POST', `/wishes/${wish.wishId}/accept`, { token: await manager() });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('wish_status_conflict');

    expect((await h.http('POST', `/wishes/no/${wish.wishNo}/seconds`, { body: { seconderKey: 'device-abc-1' } })).body.seconds).toBe(1);
    const again = await h.http('POST', `/wishes/no/${wish.wishNo}/seconds`, { body: { seconderKey: 'device-abc-1' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_seconded');
    await h.http('POST', `/wishes/no/${wish.wishNo}/seconds`, { body: { seconderKey: 'device-abc-2' } });

    await h.settle();
    const wall = await h.http('GET', `/wall?stationId=${station.stationId}`);
    const onWall = wall.body.wishes.find((w: { wishNo: string }) => w.wishNo === wish.wishNo);
    expect(onWall).toMatchObject({ status: 'accepted', statusLabel: '已受理', seconds: 2, author: '会员 ****C3D4', owner: { kind: 'street', ref: h.street } });
    expect(onWall.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(wall.body)).not.toContain('A1B2C3D4');
    const declined = await postWish({ text: '想要免费午餐' });
    await h.http('POST', `/wishes/${declined.wishId}/decline`, { token: await officer(), body: { reason: '不属于驿站服务范围' } });
    await h.settle();
    const wallAfter = await h.http('GET', `/wall?communityCode=${station.communityCode}`);
    expect(wallAfter.body.wishes.map((w: { wishNo: string }) => w.wishNo)).not.toContain(declined.wishNo);
    const page = await h.http('GET', `/wishes/no/${declined.wishNo}`);
    expect(page.body).toMatchObject({ status: 'declined', statusLabel: '已退回', message: '不属于驿站服务范围' });
  });

  it('runs the loop: demand list → decision → dispatched → in progress → completed → reopened → completed → confirmed, each dispatch event once', async () => {
    const wish = await acceptedWish({ category: 'legal_advice', text: '被拖欠工资怎么办' });
    await h.settle();
    const demand = await h.http('GET', `/streets/${h.street}/demand`, { token: await officer() });
    const group = demand.body.groups.find((g: { category: string }) => g.category === 'legal_advice');
    expect(group).toMatchObject({ count: 1, categoryLabel: '法律咨询' });
    expect(group.wishes[0]).toMatchObject({ wishId: wish.wishId, stationId: station.stationId });
    const otherStreet = await h.http('GET', `/streets/${h.street}/demand`, { token: await h.token('street_officer', { street: h.otherStreet }) });
    expect(otherStreet.status).toBe(403);

    const key = `decide-${newId()}`;
    const decided = await h.http('POST', `/streets/${h.street}/decisions`, {
      token: await officer(),
      headers: { 'idempotency-key': key },
      body: { category: 'legal_advice', mode: 'individual_tasks', title: '欠薪法律咨询' },
    });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ mode: 'individual_tasks', wishIds: [wish.wishId] });
    const replayed = await h.http('POST', `/streets/${h.street}/decisions`, {
      token: await officer(),
      headers: { 'idempotency-key': key },
      body: { category: 'legal_advice', mode: 'individual_tasks', title: '欠薪法律咨询' },
    });
    expect(replayed.status).toBe(200);
    expect(replayed.body.decisionId).toBe(decided.body.decisionId);
    await h.settle();
    const nothingLeft = await h.http('POST', `/streets/${h.street}/decisions`, { token: await officer(), body: { category: 'legal_advice', mode: 'individual_tasks' } });
    expect(nothingLeft.body.code).toBe('decision_invalid');
    await h.settle();
    const decisions = await h.streamEvents(`wishes.demand.${decided.body.decisionId}.DemandDispatchDecided`);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.data).toMatchObject({ wishStations: [{ wishId: wish.wishId, stationId: station.stationId }], title: '欠薪法律咨询' });
    await h.settle();
    const emptied = await h.http('GET', `/streets/${h.street}/demand`, { token: await officer() });
    expect(emptied.body.groups.find((g: { category: string }) => g.category === 'legal_advice')).toBeUndefined();

    const taskId = newId();
    const decisionId = decided.body.decisionId as string;
    const created = await publishTask({
      type: 'TaskCreated',
      data: {
        taskId, source: { decisionId, wishIds: [wish.wishId] }, streetCode: h.street, category: 'legal_advice', requiredSkill: 'lawyer', title: '欠薪法律咨询',
        location: null, stationId: station.stationId, scheduledAt: null, seats: null, deadline: new Date(h.clock.now().getTime() + DAY).toISOString(), mode: 'individual',
      },
    });
    const status = async () => (await h.http('GET', `/wishes/no/${wish.wishNo}`)).body;
    await eventually(async () => (await h.settle(), (await status()).status === 'dispatched'), { what: 'dispatched' });
    // The same event delivered again (past the duplicate window): nothing changes.
    await h.publishEvent('dispatch', 'task', taskId, 'TaskCreated', created.data, { eventId: created.eventId, msgId: newId() });
    await publishTask({ type: 'TaskStarted', data: { taskId, volunteerId: 'volunteer-7', wishIds: [wish.wishId] } });
    await eventually(async () => (await h.settle(), (await status()).status === 'in_progress'), { what: 'in progress' });
    const proof = { notes: '律师当面解答，已指导申请劳动仲裁', photoRefs: ['photo-1'], attendees: null };
    const completion = { taskId, wishIds: [wish.wishId], decisionId, volunteerId: 'volunteer-7', streetCode: h.street, stationId: station.stationId, proof, hours: 1.5 };
    const completedEvent = await publishTask({ type: 'TaskCompleted', data: completion });
    await eventually(async () => (await h.settle(), (await status()).status === 'completed'), { what: 'completed' });
    expect(await wishEvents(wish.wishId)).toEqual([
      'WishPosted', 'StatusNotified', 'WishAccepted', 'StatusNotified', 'WishDecided', 'WishDispatched', 'StatusNotified',
      'WishInProgress', 'StatusNotified', 'WishCompleted', 'StatusNotified',
    ]);

    const wrongKey = await h.http('POST', `/wishes/no/${wish.wishNo}/confirm`, { body: { authorKey: 'not-the-key', rating: 5 } });
    expect(wrongKey.status).toBe(403);
    const reopened = await h.http('POST', `/wishes/no/${wish.wishNo}/reopen`, { body: { authorKey: wish.authorKey, reason: '仲裁材料还不会写' } });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('dispatched');
    await h.settle();
    const reopenEvents = await h.streamEvents(`wishes.wish.${wish.wishId}.WishReopened`);
    expect(reopenEvents[0]!.data).toMatchObject({ taskId, decisionId, officerId: 'test-street_officer-' + h.street, reason: '仲裁材料还不会写' });
    // A redelivered completion from before the reopen must not complete the reopened wish.
    await h.publishEvent('dispatch', 'task', taskId, 'TaskCompleted', completion, { eventId: completedEvent.eventId, msgId: newId() });
    await publishTask({ type: 'TaskReopened', data: { taskId, wishIds: [wish.wishId], reason: '仲裁材料还不会写', deadline: (reopenEvents[0]!.data as { deadline: string }).deadline } });
    await h.reactionsIdle();
    await h.settle();
    expect((await status()).status).toBe('dispatched');
    await publishTask({ type: 'TaskCompleted', data: { ...completion, proof: { ...proof, notes: '帮助写好了仲裁申请书' } } });
    await eventually(async () => (await h.settle(), (await status()).status === 'completed'), { what: 'completed again' });
    const confirmed = await h.http('POST', `/wishes/no/${wish.wishNo}/confirm`, { body: { authorKey: wish.authorKey, rating: 5, comment: '非常感谢' } });
    expect(confirmed.body.status).toBe('closed');
    await h.settle();
    const page = await status();
    expect(page).toMatchObject({ status: 'closed', rating: 5, owner: null });
    expect(page.timeline.map((t: { status: string }) => t.status)).toEqual(['submitted', 'accepted', 'dispatched', 'in_progress', 'completed', 'dispatched', 'completed', 'closed']);
    expect(page.timeline[6].message).toBe('帮助写好了仲裁申请书');
  });

  it('answers a group without dispatch; a reopened answer goes back to the demand list', async () => {
    const wish = await acceptedWish({ category: 'facilities', text: '驿站没有微波炉' });
    await h.settle();
    const decided = await h.http('POST', `/streets/${h.street}/decisions`, { token: await officer(), body: { category: 'facilities', mode: 'answer_only', answer: '下周配齐微波炉' } });
    expect(decided.status).toBe(201);
    await h.settle();
    expect((await h.http('GET', `/wishes/no/${wish.wishNo}`)).body).toMatchObject({ status: 'completed', answer: '下周配齐微波炉' });
    await h.http('POST', `/wishes/no/${wish.wishNo}/reopen`, { body: { authorKey: wish.authorKey, reason: '还是没有' } });
    await h.settle();
    const demand = await h.http('GET', `/streets/${h.street}/demand`, { token: await officer() });
    const group = demand.body.groups.find((g: { category: string }) => g.category === 'facilities');
    expect(group.wishes[0]).toMatchObject({ wishId: wish.wishId, reopenedReason: '还是没有' });
  });

  it('takes a wish a station manager posts for a worker, and returns a wish to the demand list when dispatch cancels its task', async () => {
    const foreign = await h.http('POST', '/wishes/on-behalf', { token: await h.token('station_manager', { station: otherStation.stationId }), body: { stationId: station.stationId, category: 'health_check', text: '代提交' } });
    expect(foreign.status).toBe(403);
    const onBehalf = await h.http('POST', '/wishes/on-behalf', { token: await manager(), body: { stationId: station.stationId, category: 'health_check', text: '环卫工人想做体检' } });
    expect(onBehalf.status).toBe(201);
    await h.http('POST', `/wishes/${onBehalf.body.wishId}/accept`, { token: await manager() });
    await h.settle();
    expect((await h.http('GET', `/wishes/no/${onBehalf.body.wishNo}`)).body.author).toBe('站长代职工提交');

    const decided = await h.http('POST', `/streets/${h.street}/decisions`, { token: await officer(), body: { category: 'health_check', mode: 'individual_tasks', wishIds: [onBehalf.body.wishId] } });
    const taskId = newId();
    await publishTask({
      type: 'TaskCreated',
      data: {
        taskId, source: { decisionId: decided.body.decisionId, wishIds: [onBehalf.body.wishId] }, streetCode: h.street, category: 'health_check', requiredSkill: 'doctor', title: '体检',
        location: null, stationId: station.stationId, scheduledAt: null, seats: null, deadline: new Date(h.clock.now().getTime() + DAY).toISOString(), mode: 'individual',
      },
    });
    await publishTask({ type: 'TaskCancelled', data: { taskId, wishIds: [onBehalf.body.wishId], reason: '体检车检修，另行安排' } });
    await h.reactionsIdle();
    await h.settle();
    const demand = await h.http('GET', `/streets/${h.street}/demand`, { token: await officer() });
    const group = demand.body.groups.find((g: { category: string }) => g.category === 'health_check');
    expect(group.wishes.map((w: { wishId: string }) => w.wishId)).toContain(onBehalf.body.wishId);
    expect((await h.http('GET', `/wishes/no/${onBehalf.body.wishNo}`)).body).toMatchObject({ status: 'accepted', message: '体检车检修，另行安排', owner: { kind: 'street', ref: h.street } });
  });

  it('refuses a decision outside the officer\'s street, for wishes of another group, and an activity without seats for all', async () => {
    const wish = await acceptedWish({ category: 'childcare_class', text: '暑假孩子没人带' });
    const foreign = await h.http('POST', `/streets/${h.street}/decisions`, { token: await h.token('street_officer', { street: h.otherStreet }), body: { category: 'childcare_class', mode: 'individual_tasks' } });
    expect(foreign.status).toBe(403);
    const wrongGroup = await h.http('POST', `/streets/${h.street}/decisions`, { token: await officer(), body: { category: 'repair', mode: 'individual_tasks', wishIds: [wish.wishId] } });
    expect(wrongGroup.body.code).toBe('wish_not_in_group');
    const future = new Date(h.clock.now().getTime() + 7 * DAY).toISOString();
    const tooSmall = await h.http('POST', `/streets/${h.street}/decisions`, {
      token: await officer(),
      body: { category: 'childcare_class', mode: 'activity', wishIds: [wish.wishId], activity: { stationId: station.stationId, date: future, seats: 0, title: '爱心托班' } },
    });
    expect(tooSmall.status).toBe(400);
    const unknownStation = await h.http('POST', `/streets/${h.street}/decisions`, {
      token: await officer(),
      body: { category: 'childcare_class', mode: 'activity', wishIds: [wish.wishId], activity: { stationId: newId(), date: future, seats: 20, title: '爱心托班' } },
    });
    expect(unknownStation.body.code).toBe('station_not_found');
    const activity = await h.http('POST', `/streets/${h.street}/decisions`, {
      token: await officer(),
      body: { category: 'childcare_class', mode: 'activity', wishIds: [wish.wishId], activity: { stationId: station.stationId, date: future, seats: 20, title: '暑期爱心托班' } },
    });
    expect(activity.status).toBe(201);
    expect((await wishEvents(wish.wishId)).filter((t) => t === 'WishDecided')).toHaveLength(1);
  });

  it('escalates an overdue wish to the district once, lists it as overdue, and closes an unconfirmed one', async () => {
    const wish = await acceptedWish({ category: 'repair', urgency: 'urgent', text: '驿站门锁坏了' });
    await h.settle();
    h.clock.advance(2 * DAY);
    expect((await h.sweep()).escalated).toBeGreaterThanOrEqual(1);
    await h.settle();
    expect((await h.sweep()).escalated).toBe(0);
    await h.settle();
    const escalations = await h.streamEvents(`wishes.wish.${wish.wishId}.WishEscalated`);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.data).toMatchObject({ reason: 'overdue', districtCode: h.config.node.code, status: 'accepted' });
    const overdue = await h.http('GET', '/overdue', { token: await h.token('district_officer') });
    expect(overdue.body.find((o: { wishId: string }) => o.wishId === wish.wishId)).toMatchObject({ status: 'accepted', escalationReason: 'overdue' });
    const stats = await h.http('GET', `/stats?node=${h.street}`);
    expect(stats.body.figures.find((f: { key: string }) => f.key === 'overdue')).toMatchObject({ label: '逾期心愿' });
    expect(stats.body.figures.find((f: { key: string }) => f.key === 'overdue').value).toBeGreaterThanOrEqual(1);

    const answered = await acceptedWish({ category: 'job_seeking', text: '想找白天的工作' });
    await h.settle();
    await h.http('POST', `/streets/${h.street}/decisions`, { token: await officer(), body: { category: 'job_seeking', mode: 'answer_only', answer: '每周三驿站有招聘会' } });
    await h.settle();
    h.clock.advance(8 * DAY);
    await h.sweep();
    await h.settle();
    expect((await h.http('GET', `/wishes/no/${answered.wishNo}`)).body).toMatchObject({ status: 'closed', message: '逾期未确认，自动关闭' });
  });

  it('merges a duplicate into the wish it repeats, counting one more 附议', async () => {
    const original = await acceptedWish({ category: 'health_check', text: '想做免费体检' });
    const duplicate = await postWish({ category: 'health_check', text: '能不能体检' });
    const merged = await h.http('POST', `/wishes/${duplicate.wishId}/merge`, { token: await manager(), body: { intoWishId: original.wishId } });
    expect(merged.body.status).toBe('closed');
    const self = await h.http('POST', `/wishes/${original.wishId}/merge`, { token: await manager(), body: { intoWishId: original.wishId } });
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('merge_target_invalid');
    await h.settle();
    expect((await h.http('GET', `/wishes/no/${duplicate.wishNo}`)).body).toMatchObject({ status: 'closed', mergedIntoWishNo: original.wishNo });
    expect((await h.http('GET', `/wishes/no/${original.wishNo}`)).body.seconds).toBe(1);
  });

  it('takes street reports once, refuses bad coordinates, and rewards a valid one 2–100 元', async () => {
    const body = { streetCode: h.street, location: { lng: 118.8712, lat: 28.9411 }, text: '路口井盖缺失', photoRefs: ['photo-r1'], memberCard: 'M12345678' };
    const first = await h.http('POST', '/reports', { body, headers: { 'idempotency-key': 'report-key-0001' } });
    expect(first.status).toBe(201);
    const replay = await h.http('POST', '/reports', { body, headers: { 'idempotency-key': 'report-key-0001' } });
    expect(replay.status).toBe(200);
    expect(replay.body.reportId).toBe(first.body.reportId);
    for (const location of [{ lng: 200, lat: 28 }, { lng: 28.94, lat: 118.87 }, { lng: -0.12, lat: 51.5 }, { lng: 'east', lat: 1 }]) {
      const bad = await h.http('POST', '/reports', { body: { ...body, location } });
      expect([400, 422]).toContain(bad.status);
      expect(bad.body.code).toBe('validation_failed');
    }
    const foreignStreet = await h.http('POST', '/reports', { body: { ...body, streetCode: '110101001' } });
    expect(foreignStreet.status).toBe(403);

    const reportId = first.body.reportId as string;
    const tooMuch = await h.http('POST', `/reports/${reportId}/validate`, { token: await officer(), body: { amountYuan: 500 } });
    expect(tooMuch.status).toBe(400);
    const otherOfficer = await h.http('POST', `/reports/${reportId}/validate`, { token: await h.token('street_officer', { street: h.otherStreet }), body: { amountYuan: 20 } });
    expect(otherOfficer.status).toBe(403);
    const valid = await h.http('POST', `/reports/${reportId}/validate`, { token: await officer(), body: { amountYuan: 20, note: '已通知市政' } });
    expect(valid.body.status).toBe('valid');
    const twice = await h.http('POST', `/reports/${reportId}/reject`, { token: await officer(), body: { reason: '重复' } });
    expect(twice.status).toBe(409);
    await h.settle();
    const rewarded = await h.streamEvents(`wishes.report.${reportId}.ReportRewarded`);
    expect(rewarded.map((e) => e.data)).toEqual([{ reportId, memberCard: 'M12345678', amountYuan: 20, points: 200 }]);
    await h.settle();
    expect((await h.http('GET', `/reports/${reportId}`)).body).toMatchObject({ status: 'valid', amountYuan: 20, points: 200, memberCard: '****5678' });
  });
});
