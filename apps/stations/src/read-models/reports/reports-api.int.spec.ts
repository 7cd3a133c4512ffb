import ExcelJS from 'exceljs';
import { Kysely, sql } from 'kysely';
import { shanghaiToday } from '@ws/contracts';
import { DB } from '@ws/platform';
import { STANDARDS } from '../../catalogue/standards';
import { pdfRows } from '@ws/testing/pdf-text';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import type { StationsDatabase } from '../../db/database';
import { StationsModule } from '../../stations.module';

/** The node's report end to end: recorded work → read models → JSON, and Excel and PDF with the same numbers. */
describe('reports API (real Postgres and NATS)', () => {
  let service: ServiceHarness;
  let officer: string;
  const today = shanghaiToday(new Date());
  const year = today.slice(0, 4);

  const inject = (url: string, token?: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
    service.app.inject({ method, url, ...(payload ? { payload } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    service = await startService('stations', (config) => StationsModule.forRoot({ config }));
    officer = await service.token('district_officer');
    const register = (name: string, tier: string) => inject('/stations', officer, 'POST', {
      name, kind: 'station', tier, host: 'enterprise', streetCode: '330502001', communityCode: null,
      address: '爱山街道衣裳街1号', location: { lng: 120.09, lat: 30.87 }, hours: { open24h: true }, seats: 8,
    });
    const stationId = (await register('衣裳街驿站', 'community')).json().stationId;
    // 提档升级 this year: planned, the facilities of 六有 added, completed.
    expect((await inject(`/stations/${stationId}/upgrade-plan`, officer, 'POST', { standard: 'liu_you', due: today })).statusCode).toBe(200);
    expect((await inject(`/stations/${stationId}/facilities`, officer, 'POST', { facilities: [...STANDARDS.liu_you.required] })).statusCode).toBe(200);
    expect((await inject(`/stations/${stationId}/upgrade-complete`, officer, 'POST')).statusCode).toBe(200);
    expect((await register('爱山街道驿站', 'street')).statusCode).toBe(201);
    const activity = (await inject('/activities', officer, 'POST', { stationId, kind: 'health_clinic', title: '义诊', organiser: '吴兴区总工会', partners: [], plannedOn: today })).json().activityId;
    expect((await inject(`/activities/${activity}/held`, officer, 'POST', { heldOn: today, participants: 60, newFormParticipants: 45 })).statusCode).toBe(200);
    expect((await inject('/welfare/handouts', officer, 'POST', {
      stationId: null, streetCode: '330502003', occasion: 'festival', kind: 'meal', quantity: 600, peopleReached: 300, newFormPeople: 200,
      occupations: [], costFen: 450_050, handedOn: today, fromStock: false,
    })).statusCode).toBe(201);
    await service.settle();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('sums the read models of the year, and the Excel sheet and the PDF carry exactly the JSON numbers', async () => {
    const answer = await inject(`/reports?kind=year&period=${year}`, officer);
    expect(answer.statusCode).toBe(200);
    const report = answer.json();
    expect(report).toMatchObject({
      node: { code: service.config.node.code }, kind: 'year', period: year, from: `${year}-01-01`, to: `${year}-12-31`,
      stations: { total: 2, newInPeriod: 2, upgradedInPeriod: 1 },
      activities: { held: 1, participants: 60, newFormParticipants: 45 },
      welfare: { handouts: 1, quantity: 600, peopleReached: 300, newFormPeople: 200, costFen: 450_050 },
    });
    expect(report.stations.byTier).toEqual(expect.arrayContaining([{ key: 'community', label: '社区微站', count: 1 }, { key: 'street', label: '街道驿站', count: 1 }]));
    expect(report.stations.byClass).toContainEqual({ key: 'unclassified', label: '未分类', count: 2 });

    // The same figures straight from the read models.
    const db = service.app.get<Kysely<StationsDatabase>>(DB);
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const { rows: [models] } = await sql<{ stations: string; visits: string; held: string; reached: string; people: string; cost: string }>`
      select (select count(*) from station_directory where status <> 'closed') as stations,
             (select coalesce(sum(visits), 0) from visits_hourly where day between ${from}::date and ${to}::date) as visits,
             (select count(*) from activities where status = 'held' and held_on between ${from}::date and ${to}::date) as held,
             (select coalesce(sum(participants), 0) from activities where status = 'held' and held_on between ${from}::date and ${to}::date) as reached,
             (select coalesce(sum(people_reached), 0) from welfare_handouts where handed_on between ${from}::date and ${to}::date) as people,
             (select coalesce(sum(cost_fen), 0) from welfare_handouts where handed_on between ${from}::date and ${to}::date) as cost`.execute(db);
    expect(report.stations.total).toBe(Number(models.stations));
    expect(report.visits).toBe(Number(models.visits));
    expect(report.activities).toMatchObject({ held: Number(models.held), participants: Number(models.reached) });
    expect(report.welfare).toMatchObject({ peopleReached: Number(models.people), costFen: Number(models.cost) });

    const xlsx = await inject(`/reports.xlsx?kind=year&period=${year}`, officer);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = new Map<string, number>();
    workbook.getWorksheet('报表')!.eachRow((row, index) => {
      if (index > 4) cells.set(`${String(row.getCell(1).value)}/${String(row.getCell(2).value)}`, row.getCell(3).value as number);
    });
    expect(Object.fromEntries(cells)).toMatchObject({
      '驿站/驿站总数': report.stations.total,
      '驿站/本期新建': report.stations.newInPeriod,
      '驿站/本期提档升级': 1,
      '驿站（按层级）/社区微站': 1,
      '驿站（按层级）/街道驿站': 1,
      '服务/服务人次': report.visits,
      '活动/举办活动': report.activities.held,
      '活动/覆盖人数': report.activities.participants,
      '活动/其中新就业形态劳动者': report.activities.newFormParticipants,
      '关爱物资/惠及人数': report.welfare.peopleReached,
      '关爱物资/物资金额': report.welfare.costFen / 100,
    });
    // The JSON's lines (what the console shows) are the sheet's rows, number for number.
    const lines = report.lines as Array<{ section: string; item: string; value: number | null }>;
    expect(lines.length).toBeGreaterThan(20);
    for (const l of lines) expect({ key: `${l.section}/${l.item}`, value: cells.get(`${l.section}/${l.item}`) }).toEqual({ key: `${l.section}/${l.item}`, value: l.value ?? '未取得' });

    // The PDF of the same year, read back as text: every line with the JSON's number, and the
    // figures checked above against the read models among them.
    const pdf = await inject(`/reports.pdf?kind=year&period=${year}`, officer);
    expect(pdf.statusCode).toBe(200);
    const rows = await pdfRows(pdf.rawPayload);
    expect(rows.some((row) => row.join('').includes(`${year}年`) && row.join('').includes('报表'))).toBe(true);
    const printed = new Map<string, number | string>();
    for (const row of rows) {
      if (row.length !== 4 || row[0] === '类别') continue;
      const [section, item, value] = row as [string, string, string];
      printed.set(`${section}/${item}`, value === '未取得' ? value : Number(value.replace(/,/g, '')));
    }
    expect(printed.size).toBe(lines.length);
    for (const l of lines) expect({ key: `${l.section}/${l.item}`, value: printed.get(`${l.section}/${l.item}`) }).toEqual({ key: `${l.section}/${l.item}`, value: l.value ?? '未取得' });
    expect(Object.fromEntries(printed)).toMatchObject({
      '驿站/驿站总数': Number(models.stations),
      '服务/服务人次': Number(models.visits),
      '活动/举办活动': Number(models.held),
      '活动/覆盖人数': Number(models.reached),
      '关爱物资/惠及人数': Number(models.people),
      '关爱物资/物资金额': Number(models.cost) / 100,
    });
  });

  it('prints the report as a PDF in the bundled Chinese font', async () => {
    const pdf = await inject(`/reports.pdf?kind=quarter&period=${year}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`, officer);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toMatch(/FontName \/[A-Z]{6}\+NotoSansSC/);
  });

  it('bounds the period, and answers officers only', async () => {
    for (const [query, field] of [['kind=year&period=2026-03', 'period'], ['kind=month&period=2026-13', 'period'], ['kind=week&period=2026', 'kind']]) {
      const answer = await inject(`/reports?${query}`, officer);
      expect({ query, status: answer.statusCode }).toEqual({ query, status: 400 });
      expect(answer.json()).toMatchObject({ code: 'validation_failed', field });
    }
    expect((await inject(`/reports?kind=year&period=${year}`)).json().code).toBe('unauthenticated');
    const manager = await service.token('station_manager', { station: '0196f000-0000-7000-8000-000000009999' });
    expect((await inject(`/reports.xlsx?kind=year&period=${year}`, manager)).json().code).toBe('forbidden');
  });
});
