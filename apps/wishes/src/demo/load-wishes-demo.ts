/**
 * Demo data for the wishes service of one district, loaded over its HTTP API as workers,
 * station managers and street officers would: wishes and suggestions on the community
 * micro-stations' walls (心愿墙、民意建议本), moderated, seconded and merged; each street's demand
 * list decided group by group (individual tasks, an activity, or an answer); street reports
 * (随手拍) with their reviews and rewards. Proportions follow the seeds: about three wishes per
 * community micro-station, the 文昌社区 kind (first-aid and safety training for outdoor
 * workers, health checks, 暑期爱心托班, jobs); 柯城's 360 rider grid members send a report now
 * and then. Every call is idempotent (Idempotency-Key or a refusal of a repeat), so a second run
 * adds nothing.
 *
 * Order with the dispatch demo (apps/dispatch/src/demo/load-dispatch-demo.ts):
 *   loadDispatchDemo → loadWishesDemo → serveDemoInvitations → finishWishesDemo,
 * then startWishTrickle for a new wish every few seconds.
 */
import type { DemandDispatchMode, WishCategory } from '@ws/contracts';
import { fraction, planWishes, weighted } from './demo-plan';
import type { DemoStation, PlannedWish, WishesDemoOptions, WishesDemoResult } from './demo-plan';
import { WishesDemoApi } from './wishes-demo-api';
import type { PostedWish } from './wishes-demo-api';

export { planWishes } from './demo-plan';
export type { DemoStation, PlannedWish, WishesDemoOptions, WishesDemoResult } from './demo-plan';
export { finishWishesDemo } from './finish-wishes-demo';
export type { FinishWishesDemoResult } from './finish-wishes-demo';
export { startWishTrickle } from './wish-trickle';
export type { WishTrickleOptions } from './wish-trickle';

/** 柯城: 360 riders as part-time grid members; one report for every ten of them in the demo. */
const GRID_MEMBERS = 360;
const REPORTS_PER_GRID_MEMBER = 0.1;

const DECLINE_REASONS = ['不属于驿站服务范围，已转社区', '内容不清楚，请补充后再提交'];
const REPORT_TEXTS = ['路口井盖缺失', '人行道护栏松动', '路灯不亮', '电动车违规充电', '消防通道被堵', '广告牌摇晃'];
const REWARD_WEIGHTS: Array<[number, number]> = [[2, 20], [5, 30], [10, 25], [20, 15], [50, 8], [100, 2]];
/** The street officers' usual answer per category: an activity, tasks, or an answer without dispatch. */
const MODE_FOR: Record<WishCategory, DemandDispatchMode> = {
  first_aid_training: 'activity',
  health_check: 'activity',
  childcare_class: 'activity',
  repair: 'individual_tasks',
  legal_advice: 'individual_tasks',
  job_seeking: 'individual_tasks',
  other: 'individual_tasks',
  facilities: 'answer_only',
};
const ACTIVITY_TITLES: Partial<Record<WishCategory, string>> = { first_aid_training: '户外劳动者急救培训', health_check: '驿站义诊体检', childcare_class: '暑期爱心托班' };
const DAY = 86_400_000;

/** Wishes posted and moderated, demand lists decided, street reports sent and reviewed. */
export async function loadWishesDemo(options: WishesDemoOptions): Promise<WishesDemoResult> {
  const api = new WishesDemoApi(options.wishesUrl, options.districtCode, options.officerTokens);
  const plan = planWishes(options);
  const posted = await postAll(api, plan);
  const counts = await moderateAll(api, plan, posted);
  const decisions = await decideDemandLists(api, options.stations);
  const reports = await sendReports(api, options);
  return { wishes: posted.length, ...counts, decisions, reports };
}

async function postAll(api: WishesDemoApi, plan: PlannedWish[]): Promise<PostedWish[]> {
  const posted: PostedWish[] = [];
  for (const wish of plan) posted.push(await api.post(wish));
  return posted;
}

async function moderateAll(api: WishesDemoApi, plan: PlannedWish[], posted: PostedWish[]): Promise<Pick<WishesDemoResult, 'accepted' | 'declined' | 'merged'>> {
  const counts = { accepted: 0, declined: 0, merged: 0 };
  const stations = plan.length > 0 ? new Set(plan.map((w) => w.station.stationId)).size : 0;
  for (const wish of plan) {
    const { wishId, wishNo } = posted[wish.index]!;
    const manager = { role: 'station_manager' as const, station: wish.station.stationId };
    if (wish.moderation === 'pending') continue;
    if (wish.moderation === 'declined') {
      if (await api.settled(manager, `/wishes/${wishId}/decline`, { reason: DECLINE_REASONS[wish.index % DECLINE_REASONS.length] })) counts.declined++;
    } else if (wish.moderation === 'merged') {
      const into = posted[wish.index - stations]!.wishId;
      if (await api.settled(manager, `/wishes/${wishId}/merge`, { intoWishId: into })) counts.merged++;
    } else {
      if (await api.settled(manager, `/wishes/${wishId}/accept`)) counts.accepted++;
      for (let k = 0; k < wish.seconds; k++) await api.call('POST', `/wishes/no/${wishNo}/seconds`, { body: { seconderKey: `demo-${wish.index}-${k}` } });
    }
  }
  const last = [...plan].reverse().find((w) => w.moderation !== 'pending');
  if (last) await api.waitUntilModerated(posted[last.index]!.wishNo);
  return counts;
}

/**
 * Each street officer takes the groups of their demand list: an activity at the street's
 * station (or a community station) in a week, tasks, or an answer; the least pressing group
 * waits, so the demand list is not empty.
 */
async function decideDemandLists(api: WishesDemoApi, stations: DemoStation[]): Promise<number> {
  let decisions = 0;
  const streets = [...new Set(stations.map((s) => s.streetCode))].sort();
  for (const street of streets) {
    const officer = { role: 'street_officer' as const, street };
    const venue = stations.find((s) => s.streetCode === street && s.tier === 'street') ?? stations.find((s) => s.streetCode === street)!;
    // A street with decisions was decided by an earlier run.
    if (((await api.as(officer, 'GET', `/streets/${street}/decisions?limit=1`)).body as { items: unknown[] }).items.length > 0) continue;
    const demand = await api.as(officer, 'GET', `/streets/${street}/demand`);
    const groups = demand.body.groups as Array<{ category: WishCategory; count: number }>;
    // The least pressing group waits on the list (the list comes most pressing first).
    for (const group of groups.length > 1 ? groups.slice(0, -1) : groups) {
      const mode = MODE_FOR[group.category];
      const body = {
        category: group.category,
        mode,
        ...(mode === 'activity'
          ? { activity: { stationId: venue.stationId, date: new Date(Date.now() + 7 * DAY).toISOString(), seats: Math.max(30, group.count + 10), title: ACTIVITY_TITLES[group.category]! } }
          : {}),
        ...(mode === 'answer_only' ? { answer: '已报街道统一采购，下月配齐' } : {}),
      };
      const answer = await api.as(officer, 'POST', `/streets/${street}/decisions`, body, { 'idempotency-key': `demo-decision-${street}-${group.category}` });
      if (answer.status === 201) decisions++;
      else if (answer.status !== 200) throw new Error(`demo decision: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }
  return decisions;
}

/** 随手拍 from grid members near the stations; the street officer judges most of them. */
async function sendReports(api: WishesDemoApi, options: WishesDemoOptions): Promise<number> {
  const count = Math.round(GRID_MEMBERS * REPORTS_PER_GRID_MEMBER * (options.scale ?? 1));
  for (let i = 0; i < count; i++) {
    const seed = `${options.districtCode}-report-${i}`;
    const near = options.stations[Math.floor(fraction(`near-${seed}`) * options.stations.length)]!;
    const body = {
      streetCode: near.streetCode,
      location: { lng: near.location.lng + (fraction(`lng-${seed}`) - 0.5) * 0.004, lat: near.location.lat + (fraction(`lat-${seed}`) - 0.5) * 0.004 },
      text: REPORT_TEXTS[i % REPORT_TEXTS.length]!,
      photoRefs: [`demo-report-${i}`],
      memberCard: `${options.districtCode}${String(1 + (i % GRID_MEMBERS)).padStart(8, '0')}`,
    };
    const sent = await api.call('POST', '/reports', { body, headers: { 'idempotency-key': `demo-report-${options.districtCode}-${i}` } });
    if (sent.status !== 201 && sent.status !== 200) throw new Error(`demo report: ${sent.status} ${JSON.stringify(sent.body)}`);
    const officer = { role: 'street_officer' as const, street: near.streetCode };
    const review = fraction(`review-${seed}`);
    if (review < 0.6) await api.settled(officer, `/reports/${sent.body.reportId}/validate`, { amountYuan: weighted(`reward-${seed}`, REWARD_WEIGHTS) });
    else if (review < 0.75) await api.settled(officer, `/reports/${sent.body.reportId}/reject`, { reason: '现场核实无此问题' });
  }
  return count;
}

