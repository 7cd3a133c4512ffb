import ExcelJS from 'exceljs';
import { Kysely, sql } from 'kysely';
import { connect, type NatsConnection } from '@ws/testing/nats';
import { DISPATCH_AGGREGATES, DISPATCH_CONTEXT, JOBS_AGGREGATES, JOBS_CONTEXT, MEMBERSHIP_AGGREGATES, MEMBERSHIP_CONTEXT, shanghaiToday, WISHES_AGGREGATES, WISHES_CONTEXT } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { DB } from '@ws/platform';
import { publishForeignEvent } from '@ws/testing/service-process';
import { eventually } from '@ws/testing';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { DispatchModule } from '../apps/dispatch/src/dispatch.module';
import { JobsModule } from '../apps/jobs/src/jobs.module';
import { MembershipModule } from '../apps/membership/src/membership.module';
import { StationsModule } from '../apps/stations/src/stations.module';
import { WishesModule } from '../apps/wishes/src/wishes.module';

/**
 * The node's report with the other services' figures: stations asks membership, wishes,
 * dispatch and jobs on their request subjects, each counting from its own read models (fed here by their
 * events on the node's EVT stream), and JSON and Excel carry the same numbers; a service that
 * does not answer is named, never printed as a zero.
 */
describe('report figures of membership, wishes, dispatch and jobs in the stations report (real Postgres and NATS)', () => {
  let stations: ServiceHarness;
  const others: Record<'membership' | 'wishes' | 'dispatch' | 'jobs', ServiceHarness> = {} as never;
  let nc: NatsConnection;
  let officer: string;
  const today = shanghaiToday(new Date());
  const year = today.slice(0, 4);
  const lastYear = new Date(Date.UTC(Number(year) - 1, 5, 1, 4));

  const get = async (app: ServiceHarness, url: string, token?: string) => app.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const db = (app: ServiceHarness) => app.app.get<Kysely<any>>(DB);

  beforeAll(async () => {
    stations = await startService('stations', (config) => StationsModule.forRoot({ config }));
    const sameNode = { node: stations.config.node, streams: stations.config.streams };
    others.membership = await startService('membership', (config) => MembershipModule.forRoot({ config: { ...config, ...sameNode } }));
    others.wishes = await startService('wishes', (config) => WishesModule.forRoot({ config: { ...config, ...sameNode } }));
    others.dispatch = await startService('dispatch', (config) => DispatchModule.forRoot({ config: { ...config, ...sameNode } }));
    others.jobs = await startService('jobs', (config) => JobsModule.forRoot({ config: { ...config, ...sameNode } }));
    officer = await stations.token('district_officer');
    nc = await connect({ servers: stations.config.natsUrl });

    const node = stations.config.node;
    const street = `${node.code}001`;
    const publish = (context: string, aggregate: string, aggregateId: string, type: string, data: object, occurredAt?: Date) =>
      publishForeignEvent(nc, { node, context, aggregate, aggregateId, type, data, ...(occurredAt ? { occurredAt } : {}) });
    const member = (occupation: string, at?: Date) => {
      const membershipId = newId();
      return publish(MEMBERSHIP_CONTEXT, MEMBERSHIP_AGGREGATES.membership, membershipId, 'MembershipActivated', {
        membershipId, personId: newId(), unionId: newId(), cardNumber: `C${membershipId.slice(-8)}`, occupation, streetCode: street, applicationId: newId(), transferId: null,
      }, at);
    };
    await member('rider');
    await member('sanitation');
    await member('courier', lastYear);

    const wish = async (kind: 'WishPosted' | 'SuggestionPosted', at?: Date) => {
      const wishId = newId();
      await publish(WISHES_CONTEXT, WISHES_AGGREGATES.wish, wishId, kind, {
        wishId, wishNo: `W${wishId.slice(-9).toUpperCase()}`, stationId: newId(), communityCode: null, streetCode: street, category: 'daily_needs', text: '希望驿站添置微波炉',
        urgency: 'normal', photoRefs: [], authorKind: 'anonymous', memberCard: null, contactRef: null, authorKeyHash: 'a'.repeat(64), postedBy: null,
        moderateBy: new Date(Date.now() + 86_400_000).toISOString(),
      }, at);
      return wishId;
    };
    const fulfilled = await wish('WishPosted');
    await wish('WishPosted');
    await wish('SuggestionPosted');
    await wish('WishPosted', lastYear);
    await publish(WISHES_CONTEXT, WISHES_AGGREGATES.wish, fulfilled, 'WishCompleted', {
      wishId: fulfilled, decisionId: newId(), taskId: null, answer: '已添置', proof: null, confirmBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    // Every change of status comes with its notice, which the timeline keeps (the one a helper-published stream has).
    await publish(WISHES_CONTEXT, WISHES_AGGREGATES.wish, fulfilled, 'StatusNotified', {
      wishId: fulfilled, wishNo: 'W0', status: 'completed', previousStatus: 'submitted', message: '已添置', contactRef: null,
    });

    const served = (volunteerId: string, hours: number, at?: Date) => {
      const shiftId = newId();
      return publish(DISPATCH_CONTEXT, DISPATCH_AGGREGATES.shift, shiftId, 'ShiftServed', { shiftId, stationId: newId(), streetCode: street, volunteerId, hours }, at);
    };
    const volunteer = newId();
    await served(volunteer, 3.5);
    await served(volunteer, 2.25);
    await served(newId(), 4);
    await served(newId(), 8, lastYear);

    // 零工之家: two fairs held this year (one counting its attendance), one last year.
    const fair = async (attendance: number, at?: Date) => {
      const fairId = newId();
      if (attendance > 0) await publish(JOBS_CONTEXT, JOBS_AGGREGATES.fair, fairId, 'FairAttendanceCounted', { fairId, entryId: null, streetCode: street, count: attendance, total: attendance }, at);
      await publish(JOBS_CONTEXT, JOBS_AGGREGATES.fair, fairId, 'FairHeld', { fairId, format: 'onsite', streetCode: street, attendance, intentions: 0 }, at);
    };
    await fair(40);
    await fair(0);
    await fair(25, lastYear);

    await eventually(async () => {
      await Promise.all(Object.values(others).map((app) => app.settle()));
      const counts = await Promise.all([
        sql<{ n: number }>`select count(*)::int as n from members`.execute(db(others.membership)),
        sql<{ n: number }>`select count(*)::int as n from wish_timeline where status = 'completed'`.execute(db(others.wishes)),
        sql<{ n: number }>`select count(*)::int as n from service_hours`.execute(db(others.dispatch)),
        sql<{ n: number }>`select coalesce(sum(fairs_held), 0)::int as n from jobs_figures`.execute(db(others.jobs)),
      ]);
      return counts[0].rows[0]!.n === 3 && counts[1].rows[0]!.n === 1 && counts[2].rows[0]!.n === 4 && counts[3].rows[0]!.n === 3;
    }, { what: 'the events in the four read models', timeoutMs: 60_000 });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    for (const app of [...Object.values(others), stations]) await app?.close().catch(() => undefined);
  });

  it('puts each service\'s figures of the period into the report, the same as its read models, and the Excel sheet carries them', async () => {
    const answer = await get(stations, `/reports?kind=year&period=${year}`, officer);
    expect(answer.statusCode).toBe(200);
    const report = answer.json();
    expect(report).toMatchObject({
      members: { joined: 2, newFormJoined: 1 },
      wishes: { received: 2, fulfilled: 1 },
      volunteers: { hours: 9.75, volunteers: 2 },
      jobs: { postingsPublished: 0, seekersRegistered: 0, hires: 0, fairsHeld: 2, fairAttendance: 40 },
      unavailable: [],
    });

    // The same figures straight from each service's read models.
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const inYear = (column: string) => sql`(${sql.ref(column)} at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date`;
    const [{ rows: [members] }, { rows: [wishes] }, { rows: [hours] }, { rows: [jobs] }] = await Promise.all([
      sql<{ joined: number }>`select count(*)::int as joined from members where ${inYear('activated_at')}`.execute(db(others.membership)),
      sql<{ received: number; fulfilled: number }>`
        select count(*) filter (where kind = 'wish' and ${inYear('posted_at')})::int as received,
               count(*) filter (where kind = 'wish' and status = 'completed' and ${inYear('status_since')})::int as fulfilled from wish_board`.execute(db(others.wishes)),
      sql<{ hours: number; volunteers: number }>`select sum(hours)::float8 as hours, count(distinct volunteer_id)::int as volunteers from service_hours where ${inYear('served_at')}`.execute(db(others.dispatch)),
      sql<{ fairsHeld: number; fairAttendance: number }>`
        select sum(fairs_held)::int as "fairsHeld", sum(fair_attendance)::int as "fairAttendance" from jobs_figures where day between ${from} and ${to}`.execute(db(others.jobs)),
    ]);
    expect(report.members.joined).toBe(members!.joined);
    expect(report.wishes).toEqual(wishes);
    expect(report.volunteers).toEqual(hours);
    expect(report.jobs).toMatchObject(jobs!);

    const xlsx = await get(stations, `/reports.xlsx?kind=year&period=${year}`, officer);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = new Map<string, unknown>();
    workbook.getWorksheet('报表')!.eachRow((row, index) => {
      if (index > 4) cells.set(`${String(row.getCell(1).value)}/${String(row.getCell(2).value)}`, row.getCell(3).value);
    });
    expect(Object.fromEntries(cells)).toMatchObject({
      '会员/新入会会员': report.members.joined,
      '会员/其中新就业形态劳动者': report.members.newFormJoined,
      '微心愿/受理心愿': report.wishes.received,
      '微心愿/办结心愿': report.wishes.fulfilled,
      '志愿服务/志愿服务时长': report.volunteers.hours,
      '志愿服务/参与志愿者': report.volunteers.volunteers,
      '零工之家/举办招聘会': report.jobs.fairsHeld,
      '零工之家/招聘会到场': report.jobs.fairAttendance,
    });
  });

  it('answers each service\'s own figures to officers of the node, over the days asked', async () => {
    const figures = await get(others.dispatch, `/report-figures?from=${year}-01-01&to=${today}`, await stations.token('city_officer'));
    expect(figures.statusCode).toBe(200);
    expect(figures.json()).toEqual({ node: stations.config.node.code, from: `${year}-01-01`, to: today, figures: { volunteerHours: 9.75, volunteers: 2 } });
    const before = Number(year) - 1;
    const lastYearOnly = await get(others.membership, `/report-figures?from=${before}-01-01&to=${before}-12-31`, officer);
    expect(lastYearOnly.json()).toMatchObject({ figures: { membersJoined: 1, newFormJoined: 1 } });

    for (const [query, field] of [[`from=${year}-12-31&to=${year}-01-01`, 'to'], [`from=${year}-02-30&to=${year}-03-01`, 'from'], [`from=${Number(year) - 2}-01-01&to=${year}-12-31`, 'to']]) {
      const refused = await get(others.wishes, `/report-figures?${query}`, officer);
      expect({ query, status: refused.statusCode }).toEqual({ query, status: 400 });
      expect(refused.json()).toMatchObject({ code: 'validation_failed', field });
    }
    const manager = await stations.token('station_manager', { station: newId() });
    expect((await get(others.wishes, `/report-figures?from=${year}-01-01&to=${today}`, manager)).json().code).toBe('forbidden');
    expect((await get(others.wishes, `/report-figures?from=${year}-01-01&to=${today}`)).json().code).toBe('unauthenticated');
  });

  it('names a service that does not answer, and prints 未取得 for its figures, never a zero', async () => {
    await others.dispatch.close();
    const report = (await get(stations, `/reports?kind=year&period=${year}`, officer)).json();
    expect(report).toMatchObject({ volunteers: null, unavailable: ['dispatch'], members: { joined: 2 } });
    const xlsx = await get(stations, `/reports.xlsx?kind=year&period=${year}`, officer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values: unknown[] = [];
    workbook.getWorksheet('报表')!.eachRow((row) => values.push(row.values));
    expect(JSON.stringify(values)).toContain('["志愿服务","志愿服务时长","未取得","小时"]'.slice(1, -1));
    expect(JSON.stringify(values)).toContain('志愿服务数据未取得');
  });
});
