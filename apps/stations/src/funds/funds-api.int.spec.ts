import { Kysely, sql } from 'kysely';
import { shanghaiToday } from '@ws/contracts';
import { DB } from '@ws/platform';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { eventually } from '@ws/testing';
import type { StationsDatabase } from '../db/database';
import { StationsModule } from '../stations.module';

/** Funds end to end: budgets of the node and of a station, spending against them, balances, and the report's funds spent. */
describe('funds API (real Postgres and NATS)', () => {
  let service: ServiceHarness;
  let officer: string;
  let stationId: string;
  let stationBudget: string;
  const today = shanghaiToday(new Date());
  const year = Number(today.slice(0, 4));

  const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, token?: string) =>
    service.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    service = await startService('stations', (config) => StationsModule.forRoot({ config }));
    officer = await service.token('district_officer');
    stationId = (await inject('POST', '/stations', {
      name: '衣裳街驿站', kind: 'station', tier: 'community', host: 'enterprise', streetCode: '330502001', communityCode: null,
      address: '爱山街道衣裳街1号', location: { lng: 120.09, lat: 30.87 }, hours: { open24h: true }, seats: 8,
    }, officer)).json().stationId;
  });

  afterAll(async () => {
    await service?.close();
  });

  it('allocates 5 000 元 to a station and the node its own, records spending and keeps the balance', async () => {
    const station = await inject('POST', '/funds/budgets', { stationId, year, title: '驿站活动经费', amountFen: 500_000 }, officer);
    expect(station.statusCode).toBe(201);
    stationBudget = station.json().budgetId;
    const node = await inject('POST', '/funds/budgets', { year, title: '驿站建设经费', amountFen: 800_000_000 }, officer);
    expect(node.json()).toMatchObject({ amountFen: 800_000_000, balanceFen: 800_000_000 });

    const manager = await service.token('station_manager', { station: stationId });
    const books = await inject('POST', `/funds/budgets/${stationBudget}/spending`, { category: 'books', amountFen: 120_000, spentOn: today, payee: '新华书店湖州分店' }, manager);
    expect(books.json()).toMatchObject({ events: ['SpendingRecorded'], spentFen: 120_000, balanceFen: 380_000 });
    expect((await inject('POST', `/funds/budgets/${node.json().budgetId}/spending`, { category: 'facilities', amountFen: 2_500_000, spentOn: today, payee: '湖州某家具公司' }, officer)).statusCode).toBe(201);
    // A station manager does not spend the node's own budget.
    expect((await inject('POST', `/funds/budgets/${node.json().budgetId}/spending`, { category: 'other', amountFen: 1, spentOn: today, payee: '某单位' }, manager)).json().code).toBe('out_of_scope');

    await service.settle();
    const budgets = (await inject('GET', `/funds/budgets?year=${year}&stationId=${stationId}`, undefined, officer)).json();
    expect(budgets.items).toEqual([expect.objectContaining({ budgetId: stationBudget, level: 'station', amountFen: 500_000, spentFen: 120_000, balanceFen: 380_000 })]);
  });

  it('refuses a spend over the budget, and money as a float, each with its code and field, and records nothing', async () => {
    const over = await inject('POST', `/funds/budgets/${stationBudget}/spending`, { category: 'activities', amountFen: 380_001, spentOn: today, payee: '某单位' }, officer);
    expect(over.statusCode).toBe(409);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.json()).toMatchObject({ code: 'budget_exceeded', field: 'amountFen', balanceFen: 380_000 });
    const float = await inject('POST', `/funds/budgets/${stationBudget}/spending`, { category: 'activities', amountFen: 100.5, spentOn: today, payee: '某单位' }, officer);
    expect(float.json()).toMatchObject({ code: 'validation_failed', field: 'amountFen' });
    await service.settle();
    const db = service.app.get<Kysely<StationsDatabase>>(DB);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from fund_spending where budget_id = ${stationBudget}::uuid`.execute(db);
    expect(rows[0]!.n).toBe(1);
  });

  it('puts the funds spent, by category, into the report', async () => {
    const report = (await inject('GET', `/reports?kind=year&period=${year}`, undefined, officer)).json();
    expect(report.funds.spentFen).toBe(2_620_000);
    expect(report.funds.byCategory).toEqual(expect.arrayContaining([
      { key: 'books', label: '书籍报刊', spentFen: 120_000 },
      { key: 'facilities', label: '设施设备', spentFen: 2_500_000 },
    ]));
  });

  it('shows a street officer the budgets of their street\'s stations and a station manager their station\'s only; the node\'s officers see all', async () => {
    // A second station, in another street, with its own budget.
    const otherStation = (await inject('POST', '/stations', {
      name: '月河驿站', kind: 'station', tier: 'community', host: 'enterprise', streetCode: '330502002', communityCode: null,
      address: '月河街道1号', location: { lng: 120.1, lat: 30.86 }, hours: { open24h: true }, seats: 6,
    }, officer)).json().stationId;
    const otherBudget = (await inject('POST', '/funds/budgets', { stationId: otherStation, year, title: '月河驿站活动经费', amountFen: 500_000 }, officer)).json().budgetId;
    const ids = async (token: string) => {
      const answer = await inject('GET', `/funds/budgets?year=${year}`, undefined, token);
      expect(answer.statusCode).toBe(200);
      return (answer.json().items as Array<{ budgetId: string; level: string }>).map((b) => b.budgetId).sort();
    };
    // The district's officer: both stations' budgets and the node's own.
    const all = await eventually(async () => {
      await service.settle();
      const seen = await ids(officer);
      return seen.includes(otherBudget) ? seen : undefined;
    }, { what: 'the second station\'s budget in the read model', timeoutMs: 30_000 });
    expect(all).toHaveLength(3);
    expect(all).toContain(stationBudget);

    const street = (code: string) => service.token('street_officer', { street: code });
    expect(await ids(await street('330502001'))).toEqual([stationBudget]);
    expect(await ids(await street('330502002'))).toEqual([otherBudget]);
    expect(await ids(await street('330502099'))).toEqual([]);

    const manager = (station: string) => service.token('station_manager', { station });
    expect(await ids(await manager(stationId))).toEqual([stationBudget]);
    expect(await ids(await manager(otherStation))).toEqual([otherBudget]);
    // Asking for another station's budgets by its id shows nothing either.
    const asked = await inject('GET', `/funds/budgets?year=${year}&stationId=${otherStation}`, undefined, await manager(stationId));
    expect(asked.json().items).toEqual([]);
  });

  it('pages the budgets newest first (the latest year, then the latest allocated), one at a time to the end', async () => {
    const lastYear = (await inject('POST', '/funds/budgets', { year: year - 1, title: '上年度驿站经费', amountFen: 100_000 }, officer)).json().budgetId;
    const newest = (await inject('POST', '/funds/budgets', { year, title: '追加经费', amountFen: 200_000 }, officer)).json().budgetId;
    const walked = await eventually(async () => {
      await service.settle();
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const answer = (await inject('GET', `/funds/budgets?limit=1${after ? `&after=${after}` : ''}`, undefined, officer)).json() as { items: Array<{ budgetId: string }>; next: string | null };
        expect(answer.items.length).toBeLessThanOrEqual(1);
        seen.push(...answer.items.map((b) => b.budgetId));
        after = answer.next ?? undefined;
      } while (after);
      return seen.includes(lastYear) ? seen : undefined;
    }, { what: 'both new budgets in the read model', timeoutMs: 30_000 });
    expect(walked).toHaveLength(5);
    expect(walked[0]).toBe(newest);
    expect(walked[4]).toBe(lastYear);
    expect(new Set(walked).size).toBe(5);
  });

  it('lists what a budget was spent on, latest first, page by page, to who may see the budget only', async () => {
    const manager = await service.token('station_manager', { station: stationId });
    const spend = async (category: string, amountFen: number, payee: string) =>
      (await inject('POST', `/funds/budgets/${stationBudget}/spending`, { category, amountFen, spentOn: today, payee }, manager)).json().balanceFen as number;
    await spend('activities', 30_000, '湖州某文化公司');
    expect(await spend('operations', 4_550, '某物业公司')).toBe(500_000 - 120_000 - 30_000 - 4_550);

    type SpendingPage = { items: Array<{ spendingId: string; category: string; amountFen: number; spentOn: string; payee: string }>; next: string | null; budget: { amountFen: number; spentFen: number; balanceFen: number } };
    const walk = async (token: string) => {
      const seen: SpendingPage['items'] = [];
      let after: string | undefined;
      do {
        const answer = await inject('GET', `/funds/budgets/${stationBudget}/spending?limit=1${after ? `&after=${after}` : ''}`, undefined, token);
        expect(answer.statusCode).toBe(200);
        const body = answer.json() as SpendingPage;
        expect(body.items.length).toBeLessThanOrEqual(1);
        expect(body.budget).toEqual({ amountFen: 500_000, spentFen: 154_550, balanceFen: 345_450 });
        seen.push(...body.items);
        after = body.next ?? undefined;
      } while (after);
      return seen;
    };
    const walked = await eventually(async () => {
      await service.settle();
      const first = (await inject('GET', `/funds/budgets/${stationBudget}/spending`, undefined, manager)).json() as SpendingPage;
      return first.budget.spentFen === 154_550 ? walk(manager) : undefined;
    }, { what: 'the budget\'s three spendings in the read model', timeoutMs: 30_000 });
    // The same day's spending, the latest recorded first; the amounts are fen, as recorded.
    expect(walked).toEqual([
      { spendingId: expect.any(String), category: 'operations', amountFen: 4_550, spentOn: today, payee: '某物业公司' },
      { spendingId: expect.any(String), category: 'activities', amountFen: 30_000, spentOn: today, payee: '湖州某文化公司' },
      { spendingId: expect.any(String), category: 'books', amountFen: 120_000, spentOn: today, payee: '新华书店湖州分店' },
    ]);
    expect(await walk(officer)).toEqual(walked);
    expect(await walk(await service.token('street_officer', { street: '330502001' }))).toEqual(walked);

    // Another street's officer, another station's manager: the budget is not theirs.
    for (const token of [await service.token('street_officer', { street: '330502002' }), await service.token('station_manager', { station: '00000000-0000-7000-8000-000000000001' })]) {
      const refused = await inject('GET', `/funds/budgets/${stationBudget}/spending`, undefined, token);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'out_of_scope' });
    }
    expect((await inject('GET', '/funds/budgets/00000000-0000-7000-8000-0000000000ff/spending', undefined, officer)).json()).toMatchObject({ code: 'budget_not_found', field: 'id' });
    expect((await inject('GET', `/funds/budgets/${stationBudget}/spending?after=nonsense`, undefined, officer)).json()).toMatchObject({ code: 'validation_failed', field: 'after' });
  });
});
