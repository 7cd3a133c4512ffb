import { shanghaiToday } from '@ws/contracts';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { StationsModule } from '../apps/stations/src/stations.module';
import { call, type DemoStation } from './demo-data';
import { publishDemoNotices } from './demo-notices';
import { loadWorkRecordsDemo } from './demo-records';

/** The demo's year of work through the stations API over HTTP: every record accepted, and the report shows the seeds' figures. */
describe('demo work records (real Postgres and NATS)', () => {
  let service: ServiceHarness;
  let base: string;

  beforeAll(async () => {
    service = await startService('stations', (config) => StationsModule.forRoot({ config, legalAidVaultKey: 'demo-test-legal-aid-vault-key-0123456789' }));
    base = service.base;
  });

  afterAll(async () => {
    await service?.close();
  });

  it('records activities, welfare, programmes, funds and legal aid, and the report sums them', async () => {
    const token = await service.token('district_officer');
    const stations: DemoStation[] = [];
    const hours = { open24h: true as const };
    for (const [i, tier] of (['street', 'street', 'community', 'community'] as const).entries()) {
      const body = {
        name: `示例驿站${i}`, kind: 'station', tier, host: 'enterprise', streetCode: `33080200${i + 1}`, communityCode: null,
        address: '示例地址', location: { lng: 118.87 + i / 100, lat: 28.94 }, hours, seats: 8,
      };
      const { stationId } = await call(base, '/stations', token, body);
      stations.push({ id: stationId, tier, streetCode: body.streetCode, communityCode: null, location: body.location });
    }
    const records = await loadWorkRecordsDemo(base, service.config.node.code, token, stations);
    expect(records).toEqual({ activities: 32, signUpActivities: 4, signUps: 31, handouts: 2, deliveries: 14, budgets: 5, legalCases: 14 });
    const notices = await publishDemoNotices(base, token, service.config.node.code, stations.map((s) => ({ id: s.id, tier: s.tier, hours })));
    expect(notices).toBe(3);
    await service.settle();

    // 活动报名: four activities ahead open for sign-up, one of them full with a waiting list.
    const open = (await service.app.inject({ method: 'GET', url: '/activities?signUpOpen=true' })).json().items as Array<{ places: number; confirmed: number; waitlisted: number }>;
    expect(open.map(({ places, confirmed, waitlisted }) => [places, confirmed, waitlisted]).sort((a, b) => a[0]! - b[0]!)).toEqual([[4, 4, 2], [20, 5, 0], [30, 8, 0], [40, 12, 0]]);
    // 公示: two stations in three post their notice, with the manager's name at this node and a public hotline.
    const posted = await Promise.all(stations.map(async (s) => (await service.app.inject({ method: 'GET', url: `/stations/${s.id}` })).json().notice));
    expect(posted.filter((notice) => notice.pledge !== null)).toHaveLength(3);
    expect(posted[0]).toMatchObject({ pledge: expect.any(String), services: expect.stringContaining('休息'), hours: '全天24小时开放', hotline: '12351', partners: expect.arrayContaining([expect.objectContaining({ kind: 'traffic_police' })]) });
    expect(posted[0].managerName).toBe('王丽');
    const report = (await service.app.inject({ method: 'GET', url: `/reports?kind=year&period=${shanghaiToday(new Date()).slice(0, 4)}`, headers: { authorization: `Bearer ${token}` } })).json();
    expect(report.activities.held).toBe(32);
    expect(report.activities.participants).toBeGreaterThan(1400);
    expect(report.programmes.healthChecks).toMatchObject({ people: 810, newFormPeople: 410 });
    expect(report.programmes.healthChecks.newFormSharePercent).toBeGreaterThanOrEqual(20);
    expect(report.programmes.childcare.people).toBe(400);
    expect(report.legalAid).toMatchObject({ cases: 14 });
    expect(report.funds.byCategory).toContainEqual({ key: 'books', label: '书籍报刊', spentFen: 1_500_000 });
  });
});
