import type { StationRegistered } from '@ws/contracts';
import { eventually } from '@ws/testing';
import { LoopCluster, LOOP_TIMEOUT_MS } from '../apps/wishes/src/testing/loop-cluster';

/**
 * The closed loop across two built processes (心愿墙 → 需求清单 → 统一派单 → 完成 → 确认), on one
 * synthetic node with real Postgres and NATS. Deadlines are scaled down (×0.0001: an urgent
 * repair is due 13 s after acceptance) and invitations expire after 6 s.
 */
/**
 * The first journey answers its invitations at a person's pace, read from a read model that may
 * trail by seconds on a busy machine: a minute to answer. The escalation journeys need invitations
 * to run out quickly: dispatch is restarted with 6 s before them.
 */
const INVITATION_TTL_SECONDS = 60;
const SHORT_INVITATION_TTL_SECONDS = 6;

interface Invitation {
  invitationId: string;
  taskId: string;
  scope: string;
  status: string;
  task: { title: string; wishIds: string[] };
}

describe('wishes ⇄ dispatch loop (built processes, real Postgres and NATS)', () => {
  let cluster: LoopCluster;
  let station: StationRegistered['data'];

  beforeAll(async () => {
    cluster = new LoopCluster({
      env: {
        wishes: { WISHES_DEADLINE_SCALE: '0.0001', WISHES_SWEEP_MS: '500' },
        dispatch: { INVITATION_TTL_SECONDS: String(INVITATION_TTL_SECONDS), DISPATCH_SWEEP_MS: '250' },
      },
    });
    await cluster.start('wishes');
    await cluster.start('dispatch');
    station = await cluster.registerStation();
  }, 300_000);

  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  const manager = () => cluster.token('station_manager', { station: station.stationId });
  const officer = () => cluster.token('street_officer', { street: cluster.street });

  /** A rider at the station scans the QR code; the first try may race the station's announcement. */
  async function riderPosts(body: Record<string, unknown>) {
    return eventually(async () => {
      const posted = await cluster.http('wishes', 'POST', '/wishes', { body: { stationId: station.stationId, ...body } });
      if (posted.status === 404 && posted.body.code === 'station_not_found') return undefined;
      if (posted.status !== 201) throw new Error(`post failed ${posted.status} ${JSON.stringify(posted.body)}`);
      return posted.body as { wishId: string; wishNo: string; authorKey: string };
    }, { what: 'station known to wishes', timeoutMs: LOOP_TIMEOUT_MS });
  }

  const statusOf = async (wishNo: string) => (await cluster.http('wishes', 'GET', `/wishes/no/${wishNo}`)).body;
  const waitForStatus = (wishNo: string, status: string, timeoutMs = 90_000) =>
    eventually(async () => {
      const page = await statusOf(wishNo);
      return page?.status === status ? page : undefined;
    }, { what: `wish ${wishNo} ${status}`, timeoutMs });
  const pendingFor = async (token: string) =>
    (await cluster.ok('dispatch', 'GET', '/volunteers/me/invitations?status=pending', { token })) as Invitation[];

  it('a rider\'s wish goes round the loop: accepted, on the demand list, dispatched, declined then accepted, completed with proof, confirmed — across a kill of each service', async () => {
    const alice = await cluster.volunteer('first_aid_trainer');
    const bob = await cluster.volunteer('first_aid_trainer');

    const wish = await riderPosts({ category: 'first_aid_training', text: '想学心肺复苏和止血包扎', memberCard: 'R330802777', urgency: 'normal' });
    expect(wish.wishNo).toMatch(/^W/);
    await cluster.ok('wishes', 'POST', `/wishes/${wish.wishId}/accept`, { token: await manager() });

    const group = await eventually(async () => {
      const demand = await cluster.ok('wishes', 'GET', `/streets/${cluster.street}/demand`, { token: await officer() });
      return demand.groups.find((g: { category: string; wishes: { wishId: string }[] }) => g.category === 'first_aid_training' && g.wishes.some((w) => w.wishId === wish.wishId));
    }, { what: 'wish in the demand list', timeoutMs: LOOP_TIMEOUT_MS });
    expect(group.count).toBe(1);

    // Dispatch is down when the street officer decides: the decision waits on the stream.
    await cluster.kill('dispatch');
    const decision = await cluster.ok('wishes', 'POST', `/streets/${cluster.street}/decisions`, {
      token: await officer(),
      body: { category: 'first_aid_training', mode: 'individual_tasks', title: '骑手急救培训' },
    });
    await cluster.restart('dispatch');

    const first = await eventually(async () => {
      for (const volunteer of [alice, bob]) {
        const [invitation] = (await pendingFor(volunteer.token)).filter((i) => i.task.wishIds.includes(wish.wishId));
        if (invitation) return { volunteer, invitation };
      }
      return undefined;
    }, { what: 'first invitation', timeoutMs: LOOP_TIMEOUT_MS });
    const page = await waitForStatus(wish.wishNo, 'dispatched');
    expect(page.owner).toMatchObject({ kind: 'task' });
    const wall = await cluster.ok('wishes', 'GET', `/wall?stationId=${station.stationId}`);
    expect(wall.wishes.find((w: { wishNo: string }) => w.wishNo === wish.wishNo)).toMatchObject({ statusLabel: '已派单', author: '会员 ****2777' });
    const openTasks = await cluster.ok('dispatch', 'GET', `/tasks/open?streetCode=${cluster.street}`, { token: await officer() });
    expect(openTasks.find((t: { taskId: string }) => t.taskId === first.invitation.taskId)).toMatchObject({ status: 'open', wishIds: [wish.wishId] });

    await cluster.ok('dispatch', 'POST', `/tasks/${first.invitation.taskId}/invitations/${first.invitation.invitationId}/decline`, {
      token: first.volunteer.token,
      body: { reason: '这周值夜班' },
    });
    const other = first.volunteer === alice ? bob : alice;
    const second = await eventually(async () => (await pendingFor(other.token)).find((i) => i.taskId === first.invitation.taskId), { what: 'second invitation', timeoutMs: LOOP_TIMEOUT_MS });
    await cluster.ok('dispatch', 'POST', `/tasks/${second.taskId}/invitations/${second.invitationId}/accept`, { token: other.token });
    const again = await cluster.http('dispatch', 'POST', `/tasks/${second.taskId}/invitations/${second.invitationId}/accept`, { token: other.token });
    expect(again.status).toBe(409);
    await cluster.ok('dispatch', 'POST', `/tasks/${second.taskId}/start`, { token: other.token });
    await waitForStatus(wish.wishNo, 'in_progress');

    // Wishes is down when the volunteer reports completion: the completion waits on the stream.
    await cluster.kill('wishes');
    const proof = { notes: '在驿站为 12 名骑手讲解心肺复苏和止血包扎', photoRefs: ['photo-aid-1', 'photo-aid-2'], attendees: 12, hours: 2 };
    await cluster.ok('dispatch', 'POST', `/tasks/${second.taskId}/complete`, { token: other.token, body: proof });
    await cluster.restart('wishes');
    const completed = await waitForStatus(wish.wishNo, 'completed');
    expect(completed.proof).toMatchObject({ notes: proof.notes, attendees: 12 });

    const confirmed = await cluster.ok('wishes', 'POST', `/wishes/no/${wish.wishNo}/confirm`, { body: { authorKey: wish.authorKey, rating: 5, comment: '很实用' } });
    expect(confirmed.status).toBe('closed');
    const closed = await waitForStatus(wish.wishNo, 'closed');
    expect(closed.timeline.map((t: { status: string }) => t.status)).toEqual(['submitted', 'accepted', 'dispatched', 'in_progress', 'completed', 'closed']);
    expect(closed.rating).toBe(5);

    // Every step is on the node's stream, once.
    const wishTypes = (await cluster.streamEvents(`wishes.wish.${wish.wishId}.>`)).map((e) => e.type).filter((t) => t !== 'StatusNotified');
    expect(wishTypes).toEqual(['WishPosted', 'WishAccepted', 'WishDecided', 'WishDispatched', 'WishInProgress', 'WishCompleted', 'WishConfirmed', 'WishClosed']);
    expect(await cluster.streamEvents(`wishes.demand.${decision.decisionId}.DemandDispatchDecided`)).toHaveLength(1);
    const taskTypes = (await cluster.streamEvents(`dispatch.task.${second.taskId}.>`)).map((e) => e.type);
    expect(taskTypes).toEqual(['TaskCreated', 'InvitationSent', 'InvitationDeclined', 'InvitationSent', 'InvitationAccepted', 'TaskAssigned', 'TaskStarted', 'TaskCompleted']);

    // And in dispatch's read models: the task is done, the declined invitation recorded, the hours counted.
    const task = await eventually(async () => {
      const detail = await cluster.ok('dispatch', 'GET', `/tasks/${second.taskId}`, { token: await officer() });
      return detail.task.status === 'completed' ? detail : undefined;
    }, { what: 'task completed in dispatch', timeoutMs: LOOP_TIMEOUT_MS });
    expect(task.invitations.map((i: { status: string }) => i.status)).toEqual(['declined', 'accepted']);
    const hours = await eventually(async () => {
      const mine = await cluster.ok('dispatch', 'GET', '/volunteers/me/hours', { token: other.token });
      return mine.total > 0 ? mine : undefined;
    }, { what: 'hours counted', timeoutMs: LOOP_TIMEOUT_MS });
    expect(hours.total).toBe(2);

    // The dashboards' figures of both services count the loop.
    const figure = async (service: 'wishes' | 'dispatch', key: string) =>
      ((await cluster.ok(service, 'GET', `/stats?node=${cluster.street}`)).figures as { key: string; value: number }[]).find((f) => f.key === key)!.value;
    expect(await figure('wishes', 'completed')).toBeGreaterThanOrEqual(1);
    expect(await figure('dispatch', 'hoursThisMonth')).toBeGreaterThanOrEqual(2);
  }, 480_000);

  it('a second wish nobody takes in time escalates to the district: once because the street has no volunteer, once because it is overdue', async () => {
    await cluster.stop('dispatch');
    await cluster.restart('dispatch', { INVITATION_TTL_SECONDS: String(SHORT_INVITATION_TTL_SECONDS) });
    await cluster.volunteer('repair');
    const wish = await riderPosts({ category: 'repair', text: '驿站的充电柜坏了', urgency: 'urgent' });
    await cluster.ok('wishes', 'POST', `/wishes/${wish.wishId}/accept`, { token: await manager() });
    await eventually(async () => {
      const demand = await cluster.ok('wishes', 'GET', `/streets/${cluster.street}/demand`, { token: await officer() });
      return demand.groups.some((g: { category: string }) => g.category === 'repair');
    }, { what: 'repair group in the demand list', timeoutMs: LOOP_TIMEOUT_MS });
    await cluster.ok('wishes', 'POST', `/streets/${cluster.street}/decisions`, { token: await officer(), body: { category: 'repair', mode: 'individual_tasks', wishIds: [wish.wishId] } });
    await waitForStatus(wish.wishNo, 'dispatched');

    // The only repairer in the street never answers: the invitation expires, dispatch turns to the district.
    const escalations = await eventually(async () => {
      const events = await cluster.streamEvents(`wishes.wish.${wish.wishId}.WishEscalated`);
      const reasons = events.map((e) => (e.data as { reason: string }).reason).sort();
      return reasons.length === 2 ? reasons : undefined;
    }, { what: 'escalated for no volunteer and as overdue', timeoutMs: 90_000, everyMs: 500 });
    expect(escalations).toEqual(['no_volunteer', 'overdue']);

    const overdue = await eventually(async () => {
      const list = await cluster.ok('wishes', 'GET', '/overdue', { token: await cluster.token('district_officer') });
      return list.find((o: { wishId: string; escalatedAt: string | null }) => o.wishId === wish.wishId && o.escalatedAt);
    }, { what: 'wish on the overdue list', timeoutMs: LOOP_TIMEOUT_MS });
    expect(overdue).toMatchObject({ status: 'dispatched', escalationReason: expect.stringMatching(/^(overdue|no_volunteer)$/) });
    expect((await statusOf(wish.wishNo)).escalated).toBe(true);
    const tasks = await cluster.ok('dispatch', 'GET', `/tasks/open?streetCode=${cluster.street}`, { token: await officer() });
    const task = tasks.find((t: { wishIds: string[] }) => t.wishIds.includes(wish.wishId));
    // The invitation's expiry (6 s) and the street's deadline (half of 13 s) are close: either ends the street's turn.
    expect(task).toMatchObject({ scope: 'district', escalated: true, escalationReason: expect.stringMatching(/^(street_exhausted|deadline_passed)$/) });
    const detail = await cluster.ok('dispatch', 'GET', `/tasks/${task.taskId}`, { token: await officer() });
    expect(detail.invitations[0]).toMatchObject({ status: 'expired', scope: 'street' });
    const taskTypes = (await cluster.streamEvents(`dispatch.task.${task.taskId}.>`)).map((e) => e.type);
    expect(taskTypes.slice(0, 4)).toEqual(['TaskCreated', 'InvitationSent', 'InvitationExpired', 'TaskEscalated']);
    // The sweeper keeps running: no further escalation for the same deadline.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await cluster.streamEvents(`wishes.wish.${wish.wishId}.WishEscalated`)).toHaveLength(2);
  }, 180_000);

  it('an activity for two wishes: both completed with the attendee count; one author reopens, the task is dispatched again in the street and completed again', async () => {
    const trainer = await cluster.volunteer('childcare');
    const first = await riderPosts({ category: 'childcare_class', text: '暑假孩子没人带，想报爱心托班' });
    const second = await riderPosts({ category: 'childcare_class', text: '同问爱心托班' });
    for (const wish of [first, second]) await cluster.ok('wishes', 'POST', `/wishes/${wish.wishId}/accept`, { token: await manager() });
    await eventually(async () => {
      const demand = await cluster.ok('wishes', 'GET', `/streets/${cluster.street}/demand`, { token: await officer() });
      return demand.groups.find((g: { category: string; count: number }) => g.category === 'childcare_class' && g.count === 2);
    }, { what: 'both wishes in one group', timeoutMs: LOOP_TIMEOUT_MS });
    const date = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await cluster.ok('wishes', 'POST', `/streets/${cluster.street}/decisions`, {
      token: await officer(),
      body: { category: 'childcare_class', mode: 'activity', activity: { stationId: station.stationId, date, seats: 30, title: '暑期爱心托班' } },
    });
    const invitation = await eventually(async () => (await pendingFor(trainer.token)).find((i) => i.task.wishIds.length === 2), { what: 'activity invitation', timeoutMs: LOOP_TIMEOUT_MS });
    expect(invitation.task.title).toBe('暑期爱心托班');
    await cluster.ok('dispatch', 'POST', `/tasks/${invitation.taskId}/invitations/${invitation.invitationId}/accept`, { token: trainer.token });
    const noCount = await cluster.http('dispatch', 'POST', `/tasks/${invitation.taskId}/complete`, { token: trainer.token, body: { notes: '托班结束', photoRefs: [], hours: 3 } });
    expect(noCount.body.code).toBe('proof_attendees_required');
    await cluster.ok('dispatch', 'POST', `/tasks/${invitation.taskId}/complete`, { token: trainer.token, body: { notes: '托班结束，孩子们都很开心', photoRefs: ['photo-tb'], attendees: 24, hours: 3 } });
    for (const wish of [first, second]) expect((await waitForStatus(wish.wishNo, 'completed')).proof).toMatchObject({ attendees: 24 });

    await cluster.ok('wishes', 'POST', `/wishes/no/${first.wishNo}/confirm`, { body: { authorKey: first.authorKey, rating: 5 } });
    const reopened = await cluster.ok('wishes', 'POST', `/wishes/no/${second.wishNo}/reopen`, { body: { authorKey: second.authorKey, reason: '孩子那天生病没去成' } });
    expect(reopened.status).toBe('dispatched');
    expect((await waitForStatus(second.wishNo, 'dispatched')).owner).toMatchObject({ kind: 'street_officer' });

    const again = await eventually(async () => (await pendingFor(trainer.token)).find((i) => i.taskId === invitation.taskId && i.invitationId !== invitation.invitationId), { what: 're-dispatch invitation', timeoutMs: LOOP_TIMEOUT_MS });
    expect(again.scope).toBe('street');
    await cluster.ok('dispatch', 'POST', `/tasks/${again.taskId}/invitations/${again.invitationId}/accept`, { token: trainer.token });
    await cluster.ok('dispatch', 'POST', `/tasks/${again.taskId}/complete`, { token: trainer.token, body: { notes: '单独补了一次托班', photoRefs: [], attendees: 1, hours: 1 } });
    const completedAgain = await waitForStatus(second.wishNo, 'completed');
    expect(completedAgain.timeline.map((t: { status: string }) => t.status)).toEqual(['submitted', 'accepted', 'dispatched', 'completed', 'dispatched', 'completed']);
    await waitForStatus(first.wishNo, 'closed');

    const taskTypes = (await cluster.streamEvents(`dispatch.task.${invitation.taskId}.>`)).map((e) => e.type);
    expect(taskTypes).toEqual(['TaskCreated', 'InvitationSent', 'InvitationAccepted', 'TaskAssigned', 'TaskCompleted', 'TaskReopened', 'InvitationSent', 'InvitationAccepted', 'TaskAssigned', 'TaskCompleted']);
    const completions = await cluster.streamEvents(`dispatch.task.${invitation.taskId}.TaskCompleted`);
    expect(completions.map((e) => (e.data as { wishIds: string[] }).wishIds)).toEqual([[first.wishId, second.wishId], [second.wishId]]);
    const reopenedOnStream = await cluster.streamEvents(`wishes.wish.${second.wishId}.WishReopened`);
    expect(reopenedOnStream[0]!.data).toMatchObject({ officerId: 'e2e-street_officer', taskId: invitation.taskId });
    const hours = await cluster.ok('dispatch', 'GET', '/volunteers/me/hours', { token: trainer.token });
    expect(hours.total).toBe(4);
  }, 180_000);
});
