import { randomUUID } from 'node:crypto';
import { shanghaiMonths } from '@ws/contracts';
import { applicationFor, MembershipHarness, startMembership } from '../../testing/membership-harness';

/** GET /stats, what the dashboard shows for a node's subtree, against real Postgres and NATS. */
describe('membership figures for the dashboard', () => {
  let service: MembershipHarness;
  let officer: string;
  let next = 5000;

  const join = async (unionId: string, occupation = 'rider') => {
    const submitted = (await service.request('POST', '/applications', applicationFor(next++, unionId, { occupation }))).json();
    const approved = (await service.request('POST', `/applications/${submitted.applicationId}/approve`, undefined, officer)).json();
    return approved.membershipId as string;
  };
  const credit = (membershipId: string, points: number) =>
    service.request('POST', `/members/${membershipId}/points/credits`, { entryId: randomUUID(), points, reason: '活动奖励' }, officer);
  const act = (membershipId: string, action: string, body?: unknown) => service.request('POST', `/members/${membershipId}/${action}`, body, officer);

  beforeAll(async () => {
    service = await startMembership();
    officer = await service.officer();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('counts members, joins this month, pending applications, unions, transfers in flight and points of the subtree', async () => {
    const federation = await service.createUnion(officer, { name: '区总工会', kind: 'federation', occupations: [] });
    const riders = await service.createUnion(officer, { name: '外卖配送行业联合工会', parentUnionId: federation, occupations: ['rider'] });
    const couriers = await service.createUnion(officer, { name: '快递行业联合工会', parentUnionId: federation, occupations: ['courier'] });
    await service.createUnion(officer, { name: '府山街道工会', kind: 'street', streetCode: '330802001', parentUnionId: federation, occupations: [] });

    const [first, second, courier, leaver] = [await join(riders), await join(riders), await join(couriers, 'courier'), await join(riders)];
    await act(second, 'suspend', { reason: '长期失联' }); // suspended members still count
    await credit(first, 40);
    await credit(courier, 25);
    await credit(leaver, 10);
    await act(leaver, 'leave', { reason: '本人申请' }); // a member who left does not (their points are still outstanding)
    await service.request('POST', '/applications', applicationFor(next++, riders)); // waiting for approval
    const transfer = await service.request('POST', `/members/${first}/transfers`, { toUnionId: couriers }, officer);
    expect(transfer.statusCode).toBe(201);
    await service.settle();

    const response = await service.request('GET', '/stats');
    expect(response.statusCode).toBe(200);
    const stats = response.json();
    expect(stats.node).toBe(service.config.node.code);
    expect(Object.fromEntries(stats.figures.map((f: { label: string; value: number }) => [f.label, f.value]))).toEqual({
      会员总数: 3,
      本月新入会: 4,
      待审批申请: 1,
      工会组织: 4,
      联合工会: 2,
      转会办理中: 1,
      积分余额合计: 40 + 25 + 10,
    });
    // The dashboard shows the first six, in this order.
    expect(stats.figures.slice(0, 6).map((f: { label: string }) => f.label)).toEqual(['会员总数', '本月新入会', '待审批申请', '联合工会', '转会办理中', '积分余额合计']);
    expect(stats.figures.every((f: { key: string }) => /^[a-zA-Z]+$/.test(f.key))).toBe(true);
    expect(stats.byOccupation).toEqual([
      { key: 'rider', label: '外卖骑手', value: 2 },
      { key: 'courier', label: '快递员', value: 1 },
    ]);
    expect(stats.byMonth.map((m: { key: string }) => m.key)).toEqual(shanghaiMonths(new Date(), 12));
    expect(stats.byMonth.at(-1).value).toBe(3);
    expect(stats.byMonth.slice(0, -1).every((m: { value: number }) => m.value === 0)).toBe(true);
    expect(stats.byUnion).toEqual([
      { key: riders, label: '外卖配送行业联合工会', value: 2 },
      { key: couriers, label: '快递行业联合工会', value: 1 },
    ]);
    expect(stats.byNode).toEqual([{ key: service.config.node.code, label: service.config.node.code, value: 3 }]);

    // The figures agree with the detailed read models they summarise.
    const byUnion = (await service.request('GET', '/members/stats?by=union')).json().rows as Array<{ members: number }>;
    expect(byUnion.reduce((sum, r) => sum + r.members, 0)).toBe(3);
    const queue = (await service.request('GET', '/applications/queue', undefined, officer)).json();
    expect(queue.counts.submitted.count).toBe(1);
  });

  it('answers the same for its own node given explicitly, and refuses a node outside its subtree', async () => {
    const own = await service.request('GET', `/stats?node=${service.config.node.code}`);
    expect(own.json().figures).toEqual((await service.request('GET', '/stats')).json().figures);
    const elsewhere = await service.request('GET', '/stats?node=330803');
    // The same refusal as the wishes and dispatch services' /stats (the platform's subtreeNode).
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.headers['content-type']).toContain('application/problem+json');
    expect(elsewhere.json()).toMatchObject({ code: 'out_of_scope', field: 'node' });
  });
});
