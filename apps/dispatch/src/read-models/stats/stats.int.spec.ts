import { VOLUNTEER_SKILLS, VOLUNTEER_TYPES, type DemandDispatchDecided } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { eventually } from '@ws/testing';
import { DispatchHarness } from '../../testing/dispatch-harness';

interface Figure {
  key: string;
  label: string;
  value: number;
}

const HOUR = 3_600_000;

describe('GET /stats of the dispatch service (real Postgres and NATS)', () => {
  let h: DispatchHarness;

  beforeAll(async () => {
    h = await DispatchHarness.create();
    const officer = await h.token('district_officer');
    const doctor = await h.registerVolunteer({ type: 'professional', skills: [{ skill: 'doctor', certificateRef: 'lic-1' }] });
    const student = await h.registerVolunteer({ type: 'student', skills: [{ skill: 'general', certificateRef: null }] });
    const retired = await h.registerVolunteer({ type: 'party_member' });
    await h.registerVolunteer({ type: 'cadre', homeStreet: h.otherStreet });
    await h.http('POST', `/volunteers/${retired.volunteerId}/retire`, { token: officer, body: { reason: 'withdrew' } });
    await h.settle();

    // Two health checks: the doctor serves one (2 h), the other waits for the doctor's answer.
    const wishIds = [newId(), newId()];
    const decision: DemandDispatchDecided['data'] = {
      decisionId: newId(), streetCode: h.street, category: 'health_check', mode: 'individual_tasks', wishIds,
      wishStations: wishIds.map((wishId) => ({ wishId, stationId: newId() })), title: '统计测试体检', activity: null, answer: null,
      deadline: new Date(h.clock.now().getTime() + 48 * HOUR).toISOString(), officerId: 'officer-1',
    };
    await h.publishEvent('wishes', 'demand', decision.decisionId, 'DemandDispatchDecided', decision);
    const first = await eventually(async () => {
      const { body } = await h.http('GET', '/volunteers/me/invitations?status=pending', { token: doctor.token });
      return (body as Array<{ taskId: string; invitationId: string }>)[0];
    }, { what: 'first invitation' });
    await h.http('POST', `/tasks/${first.taskId}/invitations/${first.invitationId}/accept`, { token: doctor.token });
    await h.http('POST', `/tasks/${first.taskId}/complete`, { token: doctor.token, body: { notes: '体检完成', photoRefs: [], hours: 2 } });
    await eventually(async () => (await h.db.selectFrom('invitation_board').select('invitation_id').where('status', '=', 'pending').execute()).length === 1, { what: 'second invitation' });

    // The student is on duty now and records 3.5 hours of the shift.
    const now = h.clock.now().getTime();
    const rota = await h.http('POST', '/shifts/rota', {
      token: officer,
      body: { stationId: newId(), streetCode: h.street, shifts: [{ volunteerId: student.volunteerId, startsAt: new Date(now - 4 * HOUR).toISOString(), endsAt: new Date(now + HOUR).toISOString() }] },
    });
    await h.http('POST', `/shifts/${rota.body.shiftIds[0]}/hours`, { token: student.token, body: { hours: 3.5 } });
    await h.settle();
  });

  afterAll(async () => {
    await h?.close();
  });

  const figures = (body: { figures: Figure[] }) => Object.fromEntries(body.figures.map((f) => [f.key, f.value]));

  it('counts volunteers, tasks and this month\'s hours of the node without a login, with zh-CN labels', async () => {
    const stats = await h.http('GET', '/stats');
    expect(stats.status).toBe(200);
    expect(figures(stats.body)).toEqual({
      volunteers: 3, hoursThisMonth: 5.5, volunteersServedThisMonth: 2, tasksInProgress: 1, tasksWaiting: 1, tasksOverdue: 0,
      tasksEscalated: 0, tasksCompleted: 1, invitationsPending: 1, shiftsOnDuty: 1,
    });
    expect(stats.body.figures.find((f: Figure) => f.key === 'hoursThisMonth').label).toBe('本月志愿服务时长');
    expect(stats.body.figures.find((f: Figure) => f.key === 'tasksInProgress').label).toBe('进行中派单');
    expect(stats.body.figures.find((f: Figure) => f.key === 'volunteers').label).toBe('在册志愿者');
    expect(stats.body.byStatus).toEqual([
      { key: 'open', label: '待接单', value: 1 },
      { key: 'assigned', label: '已接单', value: 0 },
      { key: 'started', label: '服务中', value: 0 },
      { key: 'completed', label: '已完成', value: 1 },
      { key: 'cancelled', label: '已取消', value: 0 },
    ]);
    expect(stats.body.byVolunteerType.filter((f: Figure) => f.value > 0)).toEqual([
      { key: 'cadre', label: '干部', value: 1 },
      { key: 'student', label: '学生', value: 1 },
      { key: 'professional', label: '专业人士', value: 1 },
    ]);
    expect(stats.body.hoursByMonth).toHaveLength(12);
    expect(stats.body.hoursByMonth[11]).toEqual({ key: stats.body.month, label: `${stats.body.month.slice(0, 4)}年${Number(stats.body.month.slice(5))}月`, value: 5.5 });
    expect(stats.body.hoursByMonth.slice(0, 11).every((f: Figure) => f.value === 0)).toBe(true);
  });

  it('names its codes for the pages with the labels of the figures, in the contracts\' order', async () => {
    const { status, body } = await h.http('GET', '/labels');
    expect(status).toBe(200);
    expect(body.taskStatuses).toContainEqual({ code: 'assigned', label: '已接单' });
    expect(body.volunteerTypes.map((t: { code: string }) => t.code)).toEqual([...VOLUNTEER_TYPES]);
    expect(body.volunteerStatuses).toEqual([{ code: 'active', label: '在册' }, { code: 'retired', label: '已退出' }]);
    expect(body.skills.map((s: { code: string }) => s.code)).toEqual([...VOLUNTEER_SKILLS]);
    expect(body.skills).toContainEqual({ code: 'first_aid_trainer', label: '急救培训师' });
    expect(body.invitationStatuses).toContainEqual({ code: 'expired', label: '已过期' });
    expect(body.invitationScopes).toEqual([{ code: 'street', label: '本街道' }, { code: 'district', label: '全区' }]);
    expect(body.shiftStatuses).toContainEqual({ code: 'served', label: '已值守' });
    expect(body.volunteerInvitationStatuses).toContainEqual({ code: 'expired', label: '已超时' });
    expect(body.volunteerTaskStatuses).toContainEqual({ code: 'assigned', label: '待开始' });
  });

  it('narrows to a street, and refuses a node outside the subtree', async () => {
    expect(figures((await h.http('GET', `/stats?node=${h.otherStreet}`)).body)).toMatchObject({ volunteers: 1, hoursThisMonth: 0, tasksInProgress: 0 });
    expect(figures((await h.http('GET', `/stats?node=${h.street}`)).body)).toMatchObject({ volunteers: 2, hoursThisMonth: 5.5, tasksCompleted: 1 });
    expect(await h.http('GET', '/stats?node=110101')).toMatchObject({ status: 403, body: { code: 'out_of_scope' } });
  });
});
