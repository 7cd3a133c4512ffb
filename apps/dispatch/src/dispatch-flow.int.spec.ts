import type { DemandDispatchDecided, WishReopened } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { eventually } from '@ws/testing';
import { DispatchHarness } from './testing/dispatch-harness';

const TTL_MS = 30 * 60_000;

describe('dispatch flow (real Postgres and NATS)', () => {
  let h: DispatchHarness;

  beforeAll(async () => {
    h = await DispatchHarness.create({ invitationTtlMs: TTL_MS });
  });

  afterAll(async () => {
    await h?.close();
  });

  function decision(overrides: Partial<DemandDispatchDecided['data']> = {}): DemandDispatchDecided['data'] {
    const wishId = newId();
    return {
      decisionId: newId(),
      streetCode: h.street,
      category: 'first_aid_training',
      mode: 'individual_tasks',
      wishIds: [wishId],
      wishStations: [{ wishId, stationId: newId() }],
      title: '骑手急救培训',
      activity: null,
      answer: null,
      deadline: new Date(h.clock.now().getTime() + 48 * 3600_000).toISOString(),
      officerId: 'officer-1',
      ...overrides,
    };
  }

  const pendingInvitations = async (token: string) => {
    const { status, body } = await h.http('GET', '/volunteers/me/invitations?status=pending', { token });
    expect(status).toBe(200);
    return body as Array<{ invitationId: string; taskId: string; scope: string; task: { title: string } }>;
  };

  const publishDecision = (data: DemandDispatchDecided['data'], options: { eventId?: string; msgId?: string } = {}) =>
    h.publishEvent('wishes', 'demand', data.decisionId, 'DemandDispatchDecided', data, options);

  it('turns a dispatch decision into a task and an invitation to the best volunteer, and moves on when they decline', async () => {
    const skill = 'lawyer';
    const alice = await h.registerVolunteer({ skills: [{ skill, certificateRef: 'bar-1' }] });
    const bob = await h.registerVolunteer({ skills: [{ skill, certificateRef: null }] });
    await h.settle();

    const data = decision({ category: 'legal_advice' });
    await publishDecision(data);
    const invitation = await eventually(async () => (await pendingInvitations(alice.token)).find((i) => i.task.title === data.title), { what: 'alice invited' });
    expect(invitation.scope).toBe('street');

    const open = await h.http('GET', `/tasks/open?streetCode=${h.street}`, { token: await h.token('street_officer', { street: h.street }) });
    expect(open.body.find((t: { taskId: string }) => t.taskId === invitation.taskId)).toMatchObject({ status: 'open', wishIds: data.wishIds, requiredSkill: skill });

    const declined = await h.http('POST', `/tasks/${invitation.taskId}/invitations/${invitation.invitationId}/decline`, { token: alice.token, body: { reason: '本周出差' } });
    expect(declined.status).toBe(200);
    await h.settle();
    const [next] = await pendingInvitations(bob.token);
    expect(next).toMatchObject({ taskId: invitation.taskId, scope: 'street' });
    expect(await pendingInvitations(alice.token)).toEqual([]);
    const asOfficer = async (street: string) =>
      (await h.http('GET', `/invitations?volunteerId=${alice.volunteerId}`, { token: await h.token('street_officer', { street }) })).body as Array<{ status: string }>;
    expect((await asOfficer(h.street)).map((i) => i.status)).toEqual(['declined']);
    expect(await asOfficer(h.otherStreet)).toEqual([]);

    const accepted = await h.http('POST', `/tasks/${next!.taskId}/invitations/${next!.invitationId}/accept`, { token: bob.token });
    expect(accepted.status).toBe(200);
    const again = await h.http('POST', `/tasks/${next!.taskId}/invitations/${next!.invitationId}/accept`, { token: bob.token });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'invitation_already_accepted' });
    const lateDecline = await h.http('POST', `/tasks/${invitation.taskId}/invitations/${invitation.invitationId}/accept`, { token: alice.token });
    expect(lateDecline.body.code).toBe('invitation_already_declined');
    const stranger = await h.http('POST', `/tasks/${next!.taskId}/invitations/${next!.invitationId}/accept`, { token: alice.token });
    expect(stranger.status).toBe(403);
  });

  it('moves an unanswered invitation to the next candidate after the timeout, and refuses a late accept', async () => {
    const skill = 'job_advisor';
    const first = await h.registerVolunteer({ skills: [{ skill, certificateRef: null }] });
    const second = await h.registerVolunteer({ skills: [{ skill, certificateRef: null }] });
    await h.settle();
    await publishDecision(decision({ category: 'job_seeking', title: '超时测试' }));
    const invited = await eventually(async () => {
      for (const v of [first, second]) {
        const mine = (await pendingInvitations(v.token)).find((i) => i.task.title === '超时测试');
        if (mine) return { volunteer: v, invitation: mine };
      }
      return undefined;
    }, { what: 'first invitation' });

    h.clock.advance(TTL_MS + 1000);
    const sweep = await h.sweep();
    expect(sweep.expired).toBeGreaterThanOrEqual(1);
    await h.settle();

    const late = await h.http('POST', `/tasks/${invited.invitation.taskId}/invitations/${invited.invitation.invitationId}/accept`, { token: invited.volunteer.token });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('invitation_expired');

    const detail = await h.http('GET', `/tasks/${invited.invitation.taskId}`, { token: await h.token('district_officer') });
    const statuses = detail.body.invitations.map((i: { status: string }) => i.status);
    expect(statuses[0]).toBe('expired');
    expect(statuses[statuses.length - 1]).toBe('pending');
    expect(detail.body.invitations[statuses.length - 1].volunteerId).not.toBe(invited.volunteer.volunteerId);

    // A second sweep finds nothing more to expire: the stream refuses nothing twice.
    const versionsBefore = (await h.streamEvents(`dispatch.task.${invited.invitation.taskId}.>`)).length;
    await h.sweep();
    await h.settle();
    expect((await h.streamEvents(`dispatch.task.${invited.invitation.taskId}.>`)).length).toBe(versionsBefore);
  });

  it('escalates to the district when nobody in the street can take the task, and completes with proof', async () => {
    const skill = 'electrician';
    const local = await h.registerVolunteer({ skills: [{ skill, certificateRef: null }] });
    const districtVolunteer = await h.registerVolunteer({ skills: [{ skill, certificateRef: 'elec-7' }], homeStreet: h.otherStreet });
    await h.settle();
    const data = decision({ category: 'facilities', title: '升级测试' });
    await publishDecision(data);
    const invitation = await eventually(async () => (await pendingInvitations(local.token)).find((i) => i.task.title === '升级测试'), { what: 'street invitation' });
    await h.http('POST', `/tasks/${invitation.taskId}/invitations/${invitation.invitationId}/decline`, { token: local.token, body: {} });
    await h.settle();

    const [escalated] = await pendingInvitations(districtVolunteer.token);
    expect(escalated).toMatchObject({ taskId: invitation.taskId, scope: 'district' });
    const types = (await h.streamEvents(`dispatch.task.${invitation.taskId}.>`)).map((e) => e.type);
    expect(types).toEqual(['TaskCreated', 'InvitationSent', 'InvitationDeclined', 'TaskEscalated', 'InvitationSent']);

    await h.http('POST', `/tasks/${invitation.taskId}/invitations/${escalated!.invitationId}/accept`, { token: districtVolunteer.token });
    const incomplete = await h.http('POST', `/tasks/${invitation.taskId}/complete`, { token: districtVolunteer.token, body: { notes: '', photoRefs: [], hours: 2 } });
    expect(incomplete.status).toBe(400);
    const done = await h.http('POST', `/tasks/${invitation.taskId}/complete`, {
      token: districtVolunteer.token,
      body: { notes: '更换了驿站的插座和充电桩线路', photoRefs: ['photo-1', 'photo-2'], hours: 2.5 },
    });
    expect(done.status).toBe(200);
    await h.settle();
    const completed = (await h.streamEvents(`dispatch.task.${invitation.taskId}.TaskCompleted`))[0]!;
    expect(completed.data).toMatchObject({ wishIds: data.wishIds, decisionId: data.decisionId, volunteerId: districtVolunteer.volunteerId, hours: 2.5 });
    const hours = await h.http('GET', '/volunteers/me/hours', { token: districtVolunteer.token });
    expect(hours.body.total).toBe(2.5);
  });

  it('handles a redelivered decision and a redelivered reopen as no-ops, and re-dispatches on a reopen', async () => {
    const skill = 'childcare';
    const carer = await h.registerVolunteer({ skills: [{ skill, certificateRef: null }] });
    await h.settle();
    const data = decision({ category: 'childcare_class', title: '重复投递测试' });
    const envelope = await publishDecision(data);
    const invitation = await eventually(async () => (await pendingInvitations(carer.token)).find((i) => i.task.title === '重复投递测试'), { what: 'invitation' });

    // The same event again, past the bus's duplicate window (a new message id): nothing changes.
    await publishDecision(data, { eventId: envelope.eventId, msgId: newId() });
    await h.reactionsIdle();
    await h.settle();
    const officer = await h.token('district_officer');
    const tasks = (await h.http('GET', `/tasks/open?streetCode=${h.street}`, { token: officer })).body.filter((t: { title: string }) => t.title === '重复投递测试');
    expect(tasks).toHaveLength(1);
    expect((await h.streamEvents(`dispatch.task.${invitation.taskId}.>`)).length).toBe(2);

    await h.http('POST', `/tasks/${invitation.taskId}/invitations/${invitation.invitationId}/accept`, { token: carer.token });
    await h.http('POST', `/tasks/${invitation.taskId}/complete`, { token: carer.token, body: { notes: '托班完成', photoRefs: [], hours: 3 } });

    const reopen: WishReopened['data'] = {
      wishId: data.wishIds[0]!,
      reason: '孩子没有被接走',
      streetCode: h.street,
      officerId: 'officer-1',
      decisionId: data.decisionId,
      taskId: invitation.taskId,
      deadline: new Date(h.clock.now().getTime() + 24 * 3600_000).toISOString(),
    };
    const reopenEvent = await h.publishEvent('wishes', 'wish', reopen.wishId, 'WishReopened', reopen);
    const reinvited = await eventually(
      async () => (await pendingInvitations(carer.token)).find((i) => i.taskId === invitation.taskId && i.invitationId !== invitation.invitationId),
      { what: 're-dispatch invitation' },
    );
    expect(reinvited.scope).toBe('street');

    // Accept, complete again; a late redelivery of the same reopen must not reopen it a second time.
    await h.http('POST', `/tasks/${invitation.taskId}/invitations/${reinvited.invitationId}/accept`, { token: carer.token });
    await h.http('POST', `/tasks/${invitation.taskId}/complete`, { token: carer.token, body: { notes: '第二次完成', photoRefs: [], hours: 1 } });
    await h.publishEvent('wishes', 'wish', reopen.wishId, 'WishReopened', reopen, { eventId: reopenEvent.eventId, msgId: newId() });
    await h.reactionsIdle();
    await h.settle();
    const types = (await h.streamEvents(`dispatch.task.${invitation.taskId}.>`)).map((e) => e.type);
    expect(types.filter((t) => t === 'TaskReopened')).toHaveLength(1);
    expect(types[types.length - 1]).toBe('TaskCompleted');
  });

  it('keeps a task consistent under hostile answers: two accepts at once, a replayed decline, impossible proof', async () => {
    const doctor = await h.registerVolunteer({ skills: [{ skill: 'doctor', certificateRef: 'lic-9' }] });
    const other = await h.registerVolunteer({ skills: [{ skill: 'lawyer', certificateRef: null }] });
    await h.settle();
    await publishDecision(decision({ category: 'health_check', title: '恶意输入测试' }));
    const invitation = await eventually(async () => (await pendingInvitations(doctor.token)).find((i) => i.task.title === '恶意输入测试'), { what: 'invitation' });
    const accept = () => h.http('POST', `/tasks/${invitation.taskId}/invitations/${invitation.invitationId}/accept`, { token: doctor.token });

    const both = await Promise.all([accept(), accept()]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = both.find((r) => r.status === 409)!;
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(['invitation_already_accepted', 'version_conflict']).toContain(refused.body.code);
    const replayedDecline = await h.http('POST', `/tasks/${invitation.taskId}/invitations/${invitation.invitationId}/decline`, { token: doctor.token, body: {} });
    expect(replayedDecline).toMatchObject({ status: 409, body: { code: 'invitation_already_accepted' } });

    const complete = (token: string, body: Record<string, unknown>) => h.http('POST', `/tasks/${invitation.taskId}/complete`, { token, body });
    const good = { notes: '上门体检，血压正常', photoRefs: ['photo-bp'], hours: 1.5 };
    for (const [body, status, field] of [
      [{ ...good, notes: '查'.repeat(5000) }, 400, 'notes'],
      [{ ...good, notes: '已通知家属 13812345678' }, 422, 'notes'],
      [{ ...good, hours: 25 }, 400, 'hours'],
      [{ ...good, hours: -1 }, 400, 'hours'],
      [{ ...good, hours: 'two' }, 400, 'hours'],
      [{ ...good, photoRefs: Array.from({ length: 21 }, (_, i) => `p${i}`) }, 400, 'photoRefs'],
      [{ ...good, attendees: -3 }, 400, 'attendees'],
      [{ ...good, approvedBy: 'me' }, 400, 'approvedBy'],
    ] as const) {
      const answer = await complete(doctor.token, body);
      expect([answer.status, answer.body.field ?? answer.body.errors?.[0]?.field]).toEqual([status, field]);
    }
    expect((await complete(other.token, good)).body.code).toBe('not_task_assignee');

    const before = await h.streamEvents(`dispatch.task.${invitation.taskId}.>`);
    expect(before.map((e) => e.type)).toEqual(['TaskCreated', 'InvitationSent', 'InvitationAccepted', 'TaskAssigned']);
    expect((await complete(doctor.token, good)).status).toBe(200);
    expect((await complete(doctor.token, good)).body.code).toBe('task_already_completed');
    await h.settle();
    const after = await h.streamEvents(`dispatch.task.${invitation.taskId}.>`);
    expect(after.map((e) => e.type)).toEqual([...before.map((e) => e.type), 'TaskCompleted']);
    const detail = await h.http('GET', `/tasks/${invitation.taskId}`, { token: await h.token('district_officer') });
    expect(detail.body.task).toMatchObject({ status: 'completed', assignee: doctor.volunteerId, hours: 1.5 });
  });

  it('answers forged, unknown and malformed requests with problem+json', async () => {
    const volunteer = await h.registerVolunteer();
    const unknownTask = await h.http('POST', `/tasks/${newId()}/invitations/${newId()}/accept`, { token: volunteer.token });
    expect(unknownTask).toMatchObject({ status: 404, body: { code: 'task_not_found' } });
    const officerAsVolunteer = await h.http('GET', '/volunteers/me/invitations', { token: await h.token('street_officer', { street: h.street }) });
    expect(officerAsVolunteer.body.code).toBe('volunteer_unauthenticated');
    const volunteerAsOfficer = await h.http('GET', '/tasks/open', { token: volunteer.token });
    expect(volunteerAsOfficer.status).toBe(401);
    const badId = await h.http('POST', '/tasks/not-a-uuid/invitations/x/accept', { token: volunteer.token });
    expect(badId.status).toBe(400);
    const wrongCode = await h.http('POST', '/volunteer-sessions', { body: { volunteerId: volunteer.volunteerId, accessCode: 'WRONGCODE22' } });
    expect(wrongCode).toMatchObject({ status: 401, body: { code: 'volunteer_unauthenticated' } });
  });
});
