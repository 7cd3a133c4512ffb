import type { StationRegistered } from '@ws/contracts';
import { eventually } from '@ws/testing';
import { WishesHarness } from '../../testing/wishes-harness';

const DAY = 24 * 3_600_000;

interface Figure {
  key: string;
  label: string;
  value: number;
}

describe('GET /stats of the wishes service (real Postgres and NATS)', () => {
  let h: WishesHarness;
  let home: StationRegistered['data'];
  let away: StationRegistered['data'];

  beforeAll(async () => {
    h = await WishesHarness.create();
    home = await h.registerStation();
    away = await h.registerStation({ streetCode: h.otherStreet, communityCode: `${h.otherStreet}001` });
    await eventually(async () => (await h.db.selectFrom('known_stations').select('station_id').execute()).length === 2, { what: 'stations known' });

    const manager = await h.token('station_manager', { station: home.stationId });
    const officer = await h.token('street_officer', { street: h.street });
    const post = async (station: StationRegistered['data'], body: Record<string, unknown>) =>
      (await h.http('POST', '/wishes', { body: { stationId: station.stationId, ...body } })).body as { wishId: string; wishNo: string; authorKey: string };
    await post(home, { category: 'repair', text: '充电柜坏了' });
    await post(home, { category: 'facilities', text: '建议加装饮水机', kind: 'suggestion' });
    const seconded = await post(home, { category: 'legal_advice', text: '欠薪怎么办' });
    await h.http('POST', `/wishes/${seconded.wishId}/accept`, { token: manager });
    for (const key of ['seconder-0001', 'seconder-0002']) await h.http('POST', `/wishes/no/${seconded.wishNo}/seconds`, { body: { seconderKey: key } });
    const declined = await post(home, { category: 'other', text: '想要免费午餐' });
    await h.http('POST', `/wishes/${declined.wishId}/decline`, { token: manager, body: { reason: '不在服务范围' } });
    const answered = await post(home, { category: 'job_seeking', text: '想找白天的工作' });
    await h.http('POST', `/wishes/${answered.wishId}/accept`, { token: manager });
    await h.settle();
    await h.http('POST', `/streets/${h.street}/decisions`, { token: officer, body: { category: 'job_seeking', mode: 'answer_only', answer: '每周三有招聘会' } });
    await h.http('POST', `/wishes/no/${answered.wishNo}/confirm`, { body: { authorKey: answered.authorKey, rating: 4 } });
    await post(away, { category: 'health_check', text: '想体检' });

    const report = async (streetCode: string, text: string) =>
      (await h.http('POST', '/reports', { body: { streetCode, location: { lng: 118.87, lat: 28.94 }, text, memberCard: 'M12345678' } })).body.reportId as string;
    const valid = await report(h.street, '井盖缺失');
    await report(h.street, '路灯不亮');
    await report(h.otherStreet, '护栏松动');
    await h.http('POST', `/reports/${valid}/validate`, { token: officer, body: { amountYuan: 20 } });
    await h.settle();
  });

  afterAll(async () => {
    await h?.close();
  });

  const figures = (body: { figures: Figure[] }) => Object.fromEntries(body.figures.map((f) => [f.key, f.value]));
  const breakdown = (rows: Figure[]) => Object.fromEntries(rows.filter((r) => r.value > 0).map((r) => [r.key, r.value]));

  it('counts the whole node without a login, with zh-CN labels and breakdowns to chart', async () => {
    const stats = await h.http('GET', '/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.node).toBe(h.config.node.code);
    expect(figures(stats.body)).toEqual({
      open: 4, overdue: 0, completed: 1, escalated: 0, total: 6, suggestions: 1, seconds: 2, satisfaction: 4,
      reports: 3, reportsPending: 2, reportsValid: 1, rewardYuan: 20,
    });
    expect(stats.body.figures.slice(0, 3).map((f: Figure) => f.label)).toEqual(['待处理心愿', '逾期心愿', '已完成心愿']);
    expect(breakdown(stats.body.byStatus)).toEqual({ submitted: 3, accepted: 1, declined: 1, closed: 1 });
    expect(stats.body.byStatus.map((f: Figure) => f.label)).toEqual(['已提交', '已受理', '已派单', '进行中', '已完成', '已关闭', '已退回']);
    expect(breakdown(stats.body.byCategory)).toEqual({ repair: 1, facilities: 1, legal_advice: 1, health_check: 1 });
    expect(stats.body.byCategory.find((f: Figure) => f.key === 'childcare_class')).toEqual({ key: 'childcare_class', label: '爱心托班', value: 0 });
  });

  it('narrows to a street of the subtree, and refuses a node outside it', async () => {
    const street = await h.http('GET', `/stats?node=${h.street}`);
    expect(figures(street.body)).toMatchObject({ open: 3, total: 5, reports: 2 });
    const other = await h.http('GET', `/stats?node=${h.otherStreet}`);
    expect(figures(other.body)).toMatchObject({ open: 1, total: 1, completed: 0, satisfaction: 0, reports: 1 });
    const outside = await h.http('GET', '/stats?node=110101');
    expect(outside).toMatchObject({ status: 403, body: { code: 'out_of_scope', field: 'node' } });
    expect((await h.http('GET', '/stats?node=../x')).status).toBe(400);
  });

  it('counts open wishes past their deadline as overdue', async () => {
    h.clock.advance(8 * DAY);
    expect(figures((await h.http('GET', '/stats')).body)).toMatchObject({ open: 4, overdue: 4 });
  });
});
