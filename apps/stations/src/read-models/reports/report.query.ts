import { Kysely, sql } from 'kysely';
import { REPORT_FIGURE_SERVICES, STATION_CLASS_LABELS, STATION_TIERS, type ReportFigureService, type StationClass, type StationTier } from '@ws/contracts';
import { TIER_LABELS } from '../../catalogue/labels';
import type { StationsDatabase } from '../../db/database';
import { activityFigures } from '../activities/activities.query';
import { fundFigures } from '../funds/funds.query';
import { legalAidFigures } from '../legal-aid/legal-cases.query';
import { programmeFigures } from '../programmes/programmes.query';
import { visitsTotal } from '../visits/visits.query';
import { welfareFigures } from '../welfare/welfare.query';
import type { ReportPeriod } from './report-period';
import type { ServiceFigures } from './report-sources';

export interface ReportCount {
  key: string;
  label: string;
  count: number;
}

/** One node's report for one period, over its whole subtree: the figures the seeds publish. */
export interface StationsReport {
  node: { code: string; name: string };
  kind: ReportPeriod['kind'];
  period: string;
  label: string;
  from: string;
  to: string;
  stations: { total: number; newInPeriod: number; upgradedInPeriod: number; byTier: ReportCount[]; byClass: ReportCount[] };
  visits: number;
  activities: { held: number; participants: number; newFormParticipants: number };
  /** Welfare handed out; `membersReached`: of the people reached, those who showed a member card (会员卡). */
  welfare: { handouts: number; quantity: number; peopleReached: number; newFormPeople: number; membersReached: number; costFen: number };
  /** Programmes with quotas: people served, health checks and their share of new-form workers (the 20 % rule). */
  programmes: Awaited<ReturnType<typeof programmeFigures>>;
  /** Funds spent in the period, in fen, by category. */
  funds: Awaited<ReturnType<typeof fundFigures>>;
  /** Legal aid: cases received, settled, referred, and what the settlements recovered (fen). */
  legalAid: Awaited<ReturnType<typeof legalAidFigures>>;
  /** From the membership service; null when it did not answer (listed in `unavailable`). */
  members: { joined: number; newFormJoined: number } | null;
  /** From the wishes service. */
  wishes: { received: number; fulfilled: number } | null;
  /** From the dispatch service. */
  volunteers: { hours: number; volunteers: number } | null;
  /** From the jobs service (零工之家). */
  jobs: { postingsPublished: number; seekersRegistered: number; hires: number; fairsHeld: number; fairAttendance: number } | null;
  /** The services whose figures the report lacks: it is not complete until this is empty. */
  unavailable: ReportFigureService[];
}

const UNCLASSIFIED = { key: 'unclassified', label: '未分类' };

/**
 * Stations standing at the end of the period (registered by then, not closed) by tier and class,
 * and those registered within it; dates are Asia/Shanghai days like every other figure.
 */
async function stationFigures(db: Kysely<StationsDatabase>, period: ReportPeriod) {
  const { rows } = await sql<{ tier: string; cls: string | null; total: string; fresh: string }>`
    select tier, station_class as cls, count(*) as total,
           count(*) filter (where (registered_at at time zone 'Asia/Shanghai')::date >= ${period.from}::date) as fresh
    from station_directory
    where status <> 'closed' and (registered_at at time zone 'Asia/Shanghai')::date <= ${period.to}::date
    group by 1, 2`.execute(db);
  const byTier = new Map<string, number>(STATION_TIERS.map((t) => [t, 0]));
  const byClass = new Map<string, number>([['flagship', 0], ['standard', 0], [UNCLASSIFIED.key, 0]]);
  let total = 0;
  let newInPeriod = 0;
  for (const r of rows) {
    const count = Number(r.total);
    total += count;
    newInPeriod += Number(r.fresh);
    byTier.set(r.tier, (byTier.get(r.tier) ?? 0) + count);
    const cls = r.cls ?? UNCLASSIFIED.key;
    byClass.set(cls, (byClass.get(cls) ?? 0) + count);
  }
  // Upgrades completed in the period (提档升级), each station once however often it was upgraded.
  const upgraded = await sql<{ upgraded: number }>`
    select count(distinct station_id)::int as upgraded
    from station_history
    where type = 'UpgradeCompleted'
      and (occurred_at at time zone 'Asia/Shanghai')::date between ${period.from}::date and ${period.to}::date`.execute(db);
  return {
    total,
    newInPeriod,
    upgradedInPeriod: upgraded.rows[0]!.upgraded,
    byTier: [...byTier].map(([key, count]) => ({ key, label: TIER_LABELS[key as StationTier] ?? key, count })),
    byClass: [...byClass].map(([key, count]) => ({ key, label: STATION_CLASS_LABELS[key as StationClass] ?? UNCLASSIFIED.label, count })),
  };
}

export async function stationsReport(
  db: Kysely<StationsDatabase>,
  node: { code: string; name: string },
  period: ReportPeriod,
  others: (period: ReportPeriod) => Promise<ServiceFigures>,
): Promise<StationsReport> {
  const [stations, visits, activities, welfare, programmes, funds, legalAid, services] = await Promise.all([
    stationFigures(db, period),
    visitsTotal(db, { from: period.from, to: period.to }),
    activityFigures(db, period.from, period.to, {}, 'kind'),
    welfareFigures(db, period.from, period.to, {}, 'kind'),
    programmeFigures(db, period.from, period.to),
    fundFigures(db, period.from, period.to),
    legalAidFigures(db, period.from, period.to),
    others(period),
  ]);
  const { membership, wishes, dispatch, jobs } = services;
  return {
    node,
    kind: period.kind,
    period: period.period,
    label: period.label,
    from: period.from,
    to: period.to,
    stations,
    visits,
    activities: { held: activities.held, participants: activities.participants, newFormParticipants: activities.newFormParticipants },
    welfare: {
      handouts: welfare.handouts, quantity: welfare.quantity, peopleReached: welfare.peopleReached,
      newFormPeople: welfare.newFormPeople, membersReached: welfare.membersReached, costFen: welfare.costFen,
    },
    programmes,
    funds,
    legalAid,
    members: membership && { joined: membership.membersJoined, newFormJoined: membership.newFormJoined },
    wishes: wishes && { received: wishes.wishesReceived, fulfilled: wishes.wishesFulfilled },
    volunteers: dispatch && { hours: dispatch.volunteerHours, volunteers: dispatch.volunteers },
    jobs,
    unavailable: REPORT_FIGURE_SERVICES.filter((service) => services[service] === null),
  };
}

export interface ReportLine {
  section: string;
  item: string;
  /** null: the service that counts it did not answer. */
  value: number | null;
  unit: string;
}

/** The report as labelled rows: one list both exports print, so Excel and PDF cannot disagree. */
export function reportLines(report: StationsReport): ReportLine[] {
  const line = (section: string, item: string, value: number | null, unit: string): ReportLine => ({ section, item, value, unit });
  return [
    line('驿站', '驿站总数', report.stations.total, '个'),
    line('驿站', '本期新建', report.stations.newInPeriod, '个'),
    line('驿站', '本期提档升级', report.stations.upgradedInPeriod, '个'),
    ...report.stations.byTier.map((t) => line('驿站（按层级）', t.label, t.count, '个')),
    ...report.stations.byClass.map((c) => line('驿站（按类型）', c.label, c.count, '个')),
    line('服务', '服务人次', report.visits, '人次'),
    line('活动', '举办活动', report.activities.held, '场次'),
    line('活动', '覆盖人数', report.activities.participants, '人'),
    line('活动', '其中新就业形态劳动者', report.activities.newFormParticipants, '人'),
    line('关爱物资', '发放次数', report.welfare.handouts, '次'),
    line('关爱物资', '物资件数', report.welfare.quantity, '件'),
    line('关爱物资', '惠及人数', report.welfare.peopleReached, '人'),
    line('关爱物资', '其中新就业形态劳动者', report.welfare.newFormPeople, '人'),
    line('关爱物资', '其中出示会员卡', report.welfare.membersReached, '人'),
    line('关爱物资', '物资金额', report.welfare.costFen / 100, '元'),
    line('民生实事', '项目服务人次', report.programmes.people, '人次'),
    line('民生实事', '爱心托班服务人次', report.programmes.childcare.people, '人次'),
    line('健康体检', '体检人次', report.programmes.healthChecks.people, '人次'),
    line('健康体检', '其中新就业形态劳动者', report.programmes.healthChecks.newFormPeople, '人次'),
    line('健康体检', '新就业形态劳动者占比', report.programmes.healthChecks.newFormSharePercent, '%'),
    line('经费', '本期支出', report.funds.spentFen / 100, '元'),
    ...report.funds.byCategory.filter((c) => c.spentFen > 0).map((c) => line('经费（按类别）', c.label, c.spentFen / 100, '元')),
    line('法律援助', '受理案件', report.legalAid.cases, '件'),
    line('法律援助', '调解成功', report.legalAid.settled, '件'),
    line('法律援助', '转交共享法庭等', report.legalAid.referred, '件'),
    line('法律援助', '挽回金额', report.legalAid.recoveredFen / 100, '元'),
    line('会员', '新入会会员', report.members?.joined ?? null, '人'),
    line('会员', '其中新就业形态劳动者', report.members?.newFormJoined ?? null, '人'),
    line('微心愿', '受理心愿', report.wishes?.received ?? null, '个'),
    line('微心愿', '办结心愿', report.wishes?.fulfilled ?? null, '个'),
    line('志愿服务', '志愿服务时长', report.volunteers?.hours ?? null, '小时'),
    line('志愿服务', '参与志愿者', report.volunteers?.volunteers ?? null, '人'),
    line('零工之家', '发布岗位', report.jobs?.postingsPublished ?? null, '个'),
    line('零工之家', '注册求职者', report.jobs?.seekersRegistered ?? null, '人'),
    line('零工之家', '签约录用', report.jobs?.hires ?? null, '人'),
    line('零工之家', '举办招聘会', report.jobs?.fairsHeld ?? null, '场'),
    line('零工之家', '招聘会到场', report.jobs?.fairAttendance ?? null, '人次'),
  ];
}
