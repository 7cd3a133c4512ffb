import ExcelJS from 'exceljs';
import { shanghaiToday } from '@ws/contracts';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { StationsModule } from '../stations.module';

/** Programmes end to end: HTTP → programme stream → EVT → programmes read model → progress, and the report's health checks. */
describe('programmes API (real Postgres and NATS)', () => {
  let service: ServiceHarness;
  let officer: string;
  let stationId: string;
  let programmeId: string;
  const today = shanghaiToday(new Date());
  const year = today.slice(0, 4);

  const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, token?: string) =>
    service.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    service = await startService('stations', (config) => StationsModule.forRoot({ config }));
    officer = await service.token('district_officer');
    const registered = await inject('POST', '/stations', {
      name: '衣裳街驿站', kind: 'station', tier: 'community', host: 'enterprise', streetCode: '330502001', communityCode: null,
      address: '爱山街道衣裳街1号', location: { lng: 120.09, lat: 30.87 }, hours: { open24h: true }, seats: 8,
    }, officer);
    stationId = registered.json().stationId;
    const launched = await inject('POST', '/programmes', {
      kind: 'health_check', title: '户外劳动者免费健康体检', target: 1000, places: 10, minNewFormSharePercent: 20, startsOn: `${year}-01-01`, endsOn: `${year}-12-31`,
    }, officer);
    expect(launched.statusCode).toBe(201);
    programmeId = launched.json().programmeId;
  });

  afterAll(async () => {
    await service?.close();
  });

  it('records deliveries against the target and shows the progress and the share live', async () => {
    const first = await inject('POST', `/programmes/${programmeId}/deliveries`, { stationId, deliveredOn: today, people: 300, newFormPeople: 120 }, officer);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ events: ['ProgrammeDelivered'], progress: { people: 300, newFormPeople: 120, placesUsed: 1 } });
    const manager = await service.token('station_manager', { station: stationId });
    expect((await inject('POST', `/programmes/${programmeId}/deliveries`, { stationId, deliveredOn: today, people: 200, newFormPeople: 0, places: 2 }, manager)).statusCode).toBe(201);
    await service.settle();
    expect((await inject('GET', `/programmes/${programmeId}`)).json()).toMatchObject({
      kind: 'health_check', kindLabel: '健康体检', target: 1000, people: 500, newFormPeople: 120, placesUsed: 3, progressPercent: 50, newFormSharePercent: 24, quotaReachable: true,
    });
    expect((await inject('GET', '/programmes?kind=health_check')).json().items).toHaveLength(1);
    expect((await inject('GET', `/programmes/figures?from=${year}-01-01&to=${today}`)).json())
      .toEqual({ from: `${year}-01-01`, to: today, people: 500, healthChecks: { people: 500, newFormPeople: 120, newFormSharePercent: 24 }, childcare: { people: 0 } });
  });

  it('refuses a delivery after which the 20 % rule cannot be met, with its stable code, and records nothing', async () => {
    const refused = await inject('POST', `/programmes/${programmeId}/deliveries`, { stationId, deliveredOn: today, people: 450, newFormPeople: 0 }, officer);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'programme_quota_unreachable', field: 'newFormPeople', minNewFormSharePercent: 20, needed: 200 });
    const badRule = await inject('POST', '/programmes', { kind: 'summer_childcare', title: '爱心托班', target: 8000, places: 200, minNewFormSharePercent: 150, startsOn: `${year}-07-01`, endsOn: `${year}-08-31` }, officer);
    expect(badRule.json()).toMatchObject({ code: 'invalid_quota_rule', field: 'minNewFormSharePercent' });
    const elsewhere = await service.token('station_manager', { station: '0196f000-0000-7000-8000-000000009999' });
    expect((await inject('POST', `/programmes/${programmeId}/deliveries`, { stationId, deliveredOn: today, people: 1 }, elsewhere)).json().code).toBe('out_of_scope');
    await service.settle();
    expect((await inject('GET', `/programmes/${programmeId}`)).json()).toMatchObject({ people: 500 });
  });

  it('puts the health checks and their share of new-form workers into the report and its Excel sheet', async () => {
    const report = (await inject('GET', `/reports?kind=year&period=${year}`, undefined, officer)).json();
    expect(report.programmes).toEqual({ people: 500, healthChecks: { people: 500, newFormPeople: 120, newFormSharePercent: 24 }, childcare: { people: 0 } });
    const xlsx = await inject('GET', `/reports.xlsx?kind=year&period=${year}`, undefined, officer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = new Map<string, unknown>();
    workbook.getWorksheet('报表')!.eachRow((row) => cells.set(`${String(row.getCell(1).value)}/${String(row.getCell(2).value)}`, row.getCell(3).value));
    expect(cells.get('健康体检/体检人次')).toBe(500);
    expect(cells.get('健康体检/新就业形态劳动者占比')).toBe(24);
  });
});
