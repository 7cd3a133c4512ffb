import { shanghaiToday } from '@ws/contracts';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { StationsModule } from '../apps/stations/src/stations.module';
import { call, type DemoStation } from './demo-data';
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
    for (const [i, tier] of (['street', 'street', 'community', 'community'] as const).entries()) {
      const body = {
        name: `示例驿站${i}`, kind: 'station', tier, host: 'enterprise', streetCode: `33080200${i + 1}`, communityCode: null,
        address: '示例地址', location: { lng: 118.87 + i / 100, lat: 28.94 }, hours: { open24h: true }, seats: 8,
      };
      const { stationId } = await call(base, '/stations', token, body);
      stations.push({ id: stationId, tier, streetCode: body.streetCode, communityCode: null, location: body.location });
    }
    const records = await loadWorkRecordsDemo(base, service.config.node.code, token, stations);
    expect(records).toEqual({ activities: 32, handouts: 2, deliveries: 14, budgets: 5, legalCases: 14 });
    await service.settle();
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
