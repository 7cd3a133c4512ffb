import ExcelJS from 'exceljs';
import { shanghaiToday } from '@ws/contracts';
import { type FederatedNode, ServiceFederation } from '@ws/testing/federation';
import { eventually } from '@ws/testing';
import { StationsModule } from '../../stations.module';

/**
 * A province, its city and two districts, each with its own nats-server, database and stations
 * service: what the districts record — activities, welfare, programmes, funds, legal aid — is in
 * the province's report exactly, as the sum of the districts' own reports, in JSON and Excel.
 */
describe('reports: districts → city → province (real nats-servers)', () => {
  const federation = new ServiceFederation({ service: 'stations', module: (config) => StationsModule.forRoot({ config }), districts: ['west', 'east'], withProvince: true });
  let province: FederatedNode;
  let city: FederatedNode;
  let west: FederatedNode;
  let east: FederatedNode;
  const today = shanghaiToday(new Date());
  const year = today.slice(0, 4);
  const reportOf = async (node: FederatedNode) => (await node.request('GET', `/reports?kind=year&period=${year}`)).body;

  beforeAll(async () => {
    ({ province: province!, city, districts: { west, east } } = (await federation.start()) as Required<Awaited<ReturnType<typeof federation.start>>>);
  }, 180_000);

  afterAll(() => federation.close());

  async function recordYear(node: FederatedNode, street: string, scale: number): Promise<void> {
    const planned = await node.call('POST', '/activities', { stationId: null, streetCode: street, kind: 'health_clinic', title: '义诊进驿站', organiser: '区总工会', plannedOn: today });
    expect((await node.request('POST', `/activities/${planned.activityId}/held`, { heldOn: today, participants: 60 * scale, newFormParticipants: 45 * scale })).status).toBe(200);
    expect((await node.request('POST', '/welfare/handouts', {
      streetCode: street, occasion: 'summer_cool', kind: 'cool_pack', quantity: 300 * scale, peopleReached: 280 * scale, newFormPeople: 200 * scale, costFen: 1_500_000 * scale, fromStock: false, handedOn: today,
    })).status).toBe(201);
    const programme = await node.call('POST', '/programmes', { kind: 'health_check', title: '健康体检', target: 1000 * scale, minNewFormSharePercent: 20, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` });
    expect((await node.request('POST', `/programmes/${programme.programmeId}/deliveries`, { streetCode: street, deliveredOn: today, people: 100 * scale, newFormPeople: 30 * scale })).status).toBe(201);
    const budget = await node.call('POST', '/funds/budgets', { year: Number(year), title: '驿站活动经费', amountFen: 500_000 * scale });
    expect((await node.request('POST', `/funds/budgets/${budget.budgetId}/spending`, { category: 'activities', amountFen: 123_456 * scale, spentOn: today, payee: '某文化公司' })).status).toBe(201);
    const legal = await node.call('POST', '/legal-aid/cases', { streetCode: street, kind: 'wage_arrears', occupation: 'rider', receivedOn: today, name: '王五', mobile: '13800000000', account: '欠薪' });
    await node.call('POST', `/legal-aid/cases/${legal.caseId}/mediation`, { on: today });
    expect((await node.request('POST', `/legal-aid/cases/${legal.caseId}/settle`, { on: today, recoveredFen: 800_000 * scale })).status).toBe(200);
    await node.service.settle();
  }

  it('files at the province the exact sum of its districts\' reports', async () => {
    await recordYear(west, '330802001', 1);
    await recordYear(east, '330803002', 3);

    await eventually(async () => {
      await city.service.settle();
      await province.service.settle();
      const report = await reportOf(province);
      return report.activities.held === 2 && report.welfare.handouts === 2 && report.programmes.people === 400 && report.funds.spentFen === 493_824 && report.legalAid.settled === 2;
    }, { what: 'the province sees what both districts recorded', timeoutMs: 60_000 });

    const [atProvince, atCity, atWest, atEast] = await Promise.all([reportOf(province), reportOf(city), reportOf(west), reportOf(east)]);
    const counted = (report: Record<string, any>) => ({ activities: report.activities, welfare: report.welfare, programmes: report.programmes, funds: report.funds, legalAid: report.legalAid });
    expect(counted(atProvince)).toEqual(counted(atCity));
    expect(atProvince.activities).toEqual({ held: 2, participants: 240, newFormParticipants: 180 });
    expect(atProvince.welfare).toEqual({ handouts: 2, quantity: 1200, peopleReached: 1120, newFormPeople: 800, costFen: 6_000_000 });
    expect(atProvince.programmes.healthChecks).toEqual({ people: 400, newFormPeople: 120, newFormSharePercent: 30 });
    expect(atProvince.legalAid).toEqual({ cases: 2, settled: 2, referred: 0, recoveredFen: 3_200_000 });
    for (const key of ['participants', 'newFormParticipants', 'held'] as const) expect(atWest.activities[key] + atEast.activities[key]).toBe(atProvince.activities[key]);
    for (const key of ['handouts', 'quantity', 'peopleReached', 'newFormPeople', 'costFen'] as const) expect(atWest.welfare[key] + atEast.welfare[key]).toBe(atProvince.welfare[key]);
    expect(atWest.funds.spentFen + atEast.funds.spentFen).toBe(atProvince.funds.spentFen);
    expect(atWest.legalAid.recoveredFen + atEast.legalAid.recoveredFen).toBe(atProvince.legalAid.recoveredFen);

    // The province's Excel sheet carries the same numbers.
    const xlsx = await province.service.app.inject({ method: 'GET', url: `/reports.xlsx?kind=year&period=${year}`, headers: { authorization: `Bearer ${await province.token()}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = new Map<string, unknown>();
    workbook.getWorksheet('报表')!.eachRow((row) => cells.set(`${String(row.getCell(1).value)}/${String(row.getCell(2).value)}`, row.getCell(3).value));
    expect(Object.fromEntries(cells)).toMatchObject({
      '活动/举办活动': 2, '活动/覆盖人数': 240, '关爱物资/惠及人数': 1120, '关爱物资/物资金额': 60_000,
      '健康体检/体检人次': 400, '经费/本期支出': 4938.24, '法律援助/挽回金额': 32_000,
    });

    // The dashboards' public figures of funds and legal aid: at the city and the province the
    // report's numbers and the districts' sum, with this year's budgets beside the spending.
    const yearSoFar = `from=${year}-01-01&to=${today}`;
    const figuresOf = async (node: FederatedNode) => ({
      funds: (await node.request('GET', `/funds/figures?${yearSoFar}`)).body,
      legalAid: (await node.request('GET', `/legal-aid/figures?${yearSoFar}`)).body,
    });
    const [upProvince, upCity, upWest, upEast] = await Promise.all([figuresOf(province), figuresOf(city), figuresOf(west), figuresOf(east)]);
    for (const up of [upProvince, upCity]) {
      expect(up.funds).toMatchObject({ spentFen: atProvince.funds.spentFen, budgets: { budgets: 2, amountFen: 2_000_000, spentFen: 493_824, balanceFen: 1_506_176 } });
      expect(up.funds.byCategory).toContainEqual({ key: 'activities', label: '活动经费', spentFen: 493_824 });
      expect(up.legalAid).toMatchObject(atProvince.legalAid);
      expect(up.legalAid.byKind).toContainEqual({ key: 'wage_arrears', label: '欠薪', cases: 2 });
    }
    expect(upWest.funds.budgets.amountFen + upEast.funds.budgets.amountFen).toBe(upProvince.funds.budgets.amountFen);
    expect(upWest.legalAid.recoveredFen + upEast.legalAid.recoveredFen).toBe(upProvince.legalAid.recoveredFen);
    // Sums and counts only: no budget, station, payee or worker in either answer.
    expect(Object.keys(upProvince.funds).sort()).toEqual(['budgets', 'byCategory', 'from', 'spentFen', 'to']);
    expect(Object.keys(upProvince.legalAid).sort()).toEqual(['byKind', 'cases', 'from', 'recoveredFen', 'referred', 'settled', 'to']);
  }, 240_000);
});
