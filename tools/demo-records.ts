import { ACTIVITY_KIND_LABELS, type ActivityKind, shanghaiToday } from '@ws/contracts';
import { seededRandom } from '@ws/kernel';
import { call, type DemoStation, inBatches, pickWeighted } from './demo-data';

/**
 * A year of a district's work from the seeds' numbers, recorded through the API as its officers
 * would: "开展公益服务活动30余场次，覆盖户外劳动者1500余人"; 清凉慰问礼包; health checks where
 * "新就业形态劳动者不少于总服务人次的20%" (宁波's 流动体检 for 220 集卡司机); 暑期"爱心托班"200个、8000名中小学生
 * across 衢州's districts; "每个站点5000元的活动经费，并配送书籍600余册"; 公益法律援助 and the 共享法庭.
 * Every date falls between the first of the year and today.
 */
export interface WorkRecordsDemo {
  activities: number;
  /** Activities ahead that take sign-ups (活动报名), and the sign-ups they have (confirmed and waiting). */
  signUpActivities: number;
  signUps: number;
  handouts: number;
  deliveries: number;
  budgets: number;
  legalCases: number;
}

const ACTIVITIES = 32;
const ACTIVITY_PEOPLE = 1500;
const ACTIVITY_KINDS: Array<[string, number]> = [['health_clinic', 6], ['legal_advice', 5], ['first_aid_training', 4], ['skills_training', 4], ['job_fair', 2], ['party_lecture', 3], ['seasonal_theme', 8]];
/** Activities ahead that take sign-ups, with some of the workers' sign-ups in: the last more than its places, so it is full with a waiting list. */
const UPCOMING: Array<{ kind: ActivityKind; places: number; signUps: number; inDays: number }> = [
  { kind: 'first_aid_training', places: 30, signUps: 8, inDays: 5 },
  { kind: 'skills_training', places: 20, signUps: 5, inDays: 9 },
  { kind: 'health_clinic', places: 40, signUps: 12, inDays: 14 },
  { kind: 'childcare_class', places: 4, signUps: 6, inDays: 7 },
];
/** 衢州's 200 托班 and 8 000 pupils over its seven districts, one district's share. */
const CHILDCARE = { places: 28, target: 1140 };
const STATION_BUDGET_FEN = 500_000;
const BOOKS_FEN = 600 * 2_500;
const LEGAL_CASES = 14;

export async function loadWorkRecordsDemo(stationsApi: string, districtCode: string, token: string, stations: DemoStation[]): Promise<WorkRecordsDemo> {
  const random = seededRandom(Number.parseInt(districtCode, 36) + 14);
  const today = shanghaiToday(new Date());
  const year = Number(today.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const span = Math.max(1, Math.floor((Date.parse(today) - start) / 86_400_000));
  const dayOf = (fraction: number) => new Date(start + Math.floor(fraction * span) * 86_400_000).toISOString().slice(0, 10);
  const someDay = () => dayOf(random());
  const streetStations = stations.filter((s) => s.tier === 'street' || s.tier === 'hub');
  const at = (i: number) => stations[i % stations.length]!;

  // 30 余场次 activities, 1 500 余人 reached, about three in four of them new-form workers.
  const activities = await inBatches(Array.from({ length: ACTIVITIES }, (_, i) => i), 4, async (i) => {
    const station = at(i * 7);
    const day = someDay();
    const kind = pickWeighted(random, ACTIVITY_KINDS);
    const { activityId } = await call(stationsApi, '/activities', token, { stationId: station.id, kind, title: `${ACTIVITY_KIND_LABELS[kind as ActivityKind]}进驿站`, organiser: '区总工会', plannedOn: day });
    const participants = Math.round(ACTIVITY_PEOPLE / ACTIVITIES + (random() - 0.5) * 20);
    await call(stationsApi, `/activities/${activityId}/held`, token, { heldOn: day, participants, newFormParticipants: Math.round(participants * 0.75) });
  });

  // 活动报名: what workers may still sign up for, each sign-up with a phone's key as the worker pages send it (one after the other: they append to the activity's stream).
  const upcoming = await inBatches(UPCOMING, 4, async ({ kind, places, signUps, inDays }) => {
    const plannedOn = shanghaiToday(new Date(Date.now() + inDays * 86_400_000));
    const { activityId } = await call(stationsApi, '/activities', token, { stationId: at(inDays).id, kind, title: `${ACTIVITY_KIND_LABELS[kind]}（报名中）`, organiser: '区总工会', plannedOn, places });
    for (let n = 0; n < signUps; n++) await call(stationsApi, `/activities/${activityId}/signups`, undefined, { key: `demo-${districtCode}-${kind}-${n}` });
    return signUps;
  });

  // 夏送清凉: cool packs received by the street stations and handed out from their stock.
  const summer = dayOf(0.5);
  const handouts = await inBatches(streetStations.slice(0, 8), 4, async (station) => {
    await call(stationsApi, '/welfare/stock', token, { stationId: station.id, kind: 'cool_pack', quantity: 200, costFen: 200 * 5_000, receivedOn: summer, source: '区总工会采购' });
    await call(stationsApi, '/welfare/handouts', token, {
      stationId: station.id, occasion: 'summer_cool', kind: 'cool_pack', quantity: 180, peopleReached: 180, newFormPeople: 130,
      occupations: [{ occupation: 'rider', people: 80 }, { occupation: 'courier', people: 50 }, { occupation: 'sanitation', people: 40 }], costFen: 180 * 5_000, handedOn: summer,
    });
  });

  // Health checks with the 20 % rule, and 爱心托班 (a programme's deliveries one after the other: they append to its stream).
  const health = await call(stationsApi, '/programmes', token, { kind: 'health_check', title: `${year}年户外劳动者免费健康体检`, target: 2000, places: 20, minNewFormSharePercent: 20, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` });
  const checks = [{ people: 220, newFormPeople: 220 }, { people: 180, newFormPeople: 60 }, { people: 260, newFormPeople: 90 }, { people: 150, newFormPeople: 40 }];
  for (const [i, check] of checks.entries()) await call(stationsApi, `/programmes/${health.programmeId}/deliveries`, token, { stationId: streetStations[i % streetStations.length]?.id ?? at(i).id, deliveredOn: dayOf((i + 1) / 5), ...check });
  const childcare = await call(stationsApi, '/programmes', token, { kind: 'summer_childcare', title: `${year}年暑期爱心托班`, target: CHILDCARE.target, places: CHILDCARE.places, minNewFormSharePercent: 0, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` });
  for (let i = 0; i < 10; i++) await call(stationsApi, `/programmes/${childcare.programmeId}/deliveries`, token, { stationId: at(i * 3).id, deliveredOn: dayOf(0.55 + i / 100), people: 40, newFormPeople: 26, places: 1 });

  // 每个站点5000元的活动经费, spent on activities and 600 余册 books; the district's own budget.
  const budgets = await inBatches(stations, 4, async (station) => {
    const { budgetId } = await call(stationsApi, '/funds/budgets', token, { stationId: station.id, year, title: '驿站活动经费', amountFen: STATION_BUDGET_FEN });
    await call(stationsApi, `/funds/budgets/${budgetId}/spending`, token, { category: 'activities', amountFen: 100_000 + Math.round(random() * 200_000), spentOn: someDay(), payee: '区工人文化宫' });
  });
  const own = await call(stationsApi, '/funds/budgets', token, { year, title: '驿站建设与服务经费', amountFen: 200_000_000 });
  await call(stationsApi, `/funds/budgets/${own.budgetId}/spending`, token, { category: 'books', amountFen: BOOKS_FEN, spentOn: someDay(), payee: '新华书店' });
  await call(stationsApi, `/funds/budgets/${own.budgetId}/spending`, token, { category: 'facilities', amountFen: 36_000_000, spentOn: someDay(), payee: '驿站设备供应商' });

  // 公益法律援助: consultations answered, wage disputes mediated and settled, some to the 共享法庭.
  await inBatches(Array.from({ length: LEGAL_CASES }, (_, i) => i), 4, async (i) => {
    const station = streetStations[i % Math.max(1, streetStations.length)] ?? at(i);
    const receivedOn = dayOf(i / LEGAL_CASES);
    const kind = i % 3 === 0 ? 'consultation' : i % 3 === 1 ? 'wage_arrears' : 'work_injury';
    const { caseId } = await call(stationsApi, '/legal-aid/cases', token, {
      stationId: station.id, kind, occupation: i % 2 ? 'rider' : 'courier', receivedOn,
      name: `示例职工${String(i + 1).padStart(2, '0')}`, mobile: `1380000${String(1000 + i)}`, employer: '示例配送站', account: '（演示数据）',
    });
    if (kind === 'consultation') await call(stationsApi, `/legal-aid/cases/${caseId}/close`, token, { on: receivedOn, outcome: 'advised' });
    else if (i % 4 === 3) await call(stationsApi, `/legal-aid/cases/${caseId}/refer`, token, { on: receivedOn, partner: 'shared_court' });
    else {
      await call(stationsApi, `/legal-aid/cases/${caseId}/mediation`, token, { on: receivedOn });
      await call(stationsApi, `/legal-aid/cases/${caseId}/settle`, token, { on: receivedOn, recoveredFen: 600_000 + i * 85_000 });
    }
  });

  return { activities: activities.length, signUpActivities: upcoming.length, signUps: upcoming.reduce((sum, n) => sum + n, 0), handouts: handouts.length, deliveries: checks.length + 10, budgets: budgets.length + 1, legalCases: LEGAL_CASES };
}
