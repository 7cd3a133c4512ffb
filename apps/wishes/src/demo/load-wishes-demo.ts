import { createHash } from 'node:crypto';
import type { DemandDispatchMode, WishCategory, WishKind, WishUrgency } from '@ws/contracts';
import { signToken } from '@ws/kernel';
import type { Principal, Role } from '@ws/kernel';
import { requestJson } from '@ws/platform';
import type { JsonResponse } from '@ws/platform';

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

/** A station as the stations directory lists it (GET /stations?district=: id, street_code, community_code, tier, lng/lat). */
export interface DemoStation {
  stationId: string;
  streetCode: string;
  communityCode: string | null;
  tier: string;
  location: { lng: number; lat: number };
}

export interface WishesDemoOptions {
  /** e.g. http://127.0.0.1:4103 */
  wishesUrl: string;
  districtCode: string;
  /** The node's JWT secret: the loader signs station managers' and street officers' tokens with it. */
  jwtSecret: string;
  stations: DemoStation[];
  /** Multiplies the number of wishes and reports (default 1). */
  scale?: number;
}

export interface WishesDemoResult {
  wishes: number;
  accepted: number;
  declined: number;
  merged: number;
  decisions: number;
  reports: number;
}

const WISHES_PER_COMMUNITY_STATION = 3;
/** 柯城: 360 riders as part-time grid members; one report for every ten of them in the demo. */
const GRID_MEMBERS = 360;
const REPORTS_PER_GRID_MEMBER = 0.1;

const CATEGORY_WEIGHTS: Array<[WishCategory, number]> = [
  ['first_aid_training', 20], ['health_check', 15], ['repair', 15], ['legal_advice', 12],
  ['childcare_class', 10], ['job_seeking', 10], ['facilities', 10], ['other', 8],
];
const TEXTS: Record<WishCategory, string[]> = {
  first_aid_training: ['想学心肺复苏和止血包扎', '户外干活容易割破手，想学应急处理', '希望驿站组织一次急救培训'],
  health_check: ['常年送外卖，想做一次免费体检', '环卫工人想测测血压血糖', '秋冬关节痛，希望有医生来驿站义诊'],
  repair: ['驿站的充电柜坏了', '微波炉不加热了', '门口的灯不亮了', '饮水机漏水'],
  legal_advice: ['被拖欠工资怎么办', '交通事故理赔想咨询律师', '平台扣款不合理，想了解怎么维权'],
  childcare_class: ['暑假孩子没人带，想报爱心托班', '希望驿站能开暑期托管班'],
  job_seeking: ['想找白天的工作', '想学一门技能转行', '希望有招聘会的信息'],
  facilities: ['希望加装空调', '建议增加充电插座', '希望有个小书架'],
  other: ['希望组织骑手联谊活动', '想参加劳动竞赛', '希望有心理疏导服务'],
};
const SUGGESTION_SHARE = 0.15;
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

/** A number in [0, 1) from a text: the same demo on every run, without a random generator's state. */
function fraction(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

function weighted<T>(seed: string, weights: Array<[T, number]>): T {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let roll = fraction(seed) * total;
  for (const [value, weight] of weights) if ((roll -= weight) < 0) return value;
  return weights[0]![0];
}

export interface PlannedWish {
  index: number;
  station: DemoStation;
  kind: WishKind;
  category: WishCategory;
  text: string;
  urgency: WishUrgency;
  /** What moderation does with it (see planWishes). */
  moderation: 'pending' | 'declined' | 'merged' | 'accepted';
  seconds: number;
}

/**
 * The district's demo wishes, the same on every run. Moderation follows the index, so every
 * outcome is there in any district of ten wishes or more: one in ten waits, one in twelve is
 * declined, one in twenty repeats the wish posted one round earlier at its station and is merged
 * into it; the rest are accepted.
 */
export function planWishes(options: Pick<WishesDemoOptions, 'districtCode' | 'stations' | 'scale'>): PlannedWish[] {
  const community = options.stations.filter((s) => s.tier === 'community');
  const count = Math.round(community.length * WISHES_PER_COMMUNITY_STATION * (options.scale ?? 1));
  const plan: PlannedWish[] = [];
  for (let index = 0; index < count; index++) {
    const seed = `${options.districtCode}-${index}`;
    const original = index >= community.length ? plan[index - community.length] : undefined;
    const duplicate = index % 20 === 9 && original?.moderation === 'accepted' ? original : undefined;
    const category = duplicate?.category ?? weighted(`category-${seed}`, CATEGORY_WEIGHTS);
    const texts = TEXTS[category];
    plan.push({
      index,
      station: community[index % community.length]!,
      kind: fraction(`kind-${seed}`) < SUGGESTION_SHARE ? 'suggestion' : 'wish',
      category,
      text: duplicate?.text ?? texts[Math.floor(fraction(`text-${seed}`) * texts.length)]!,
      urgency: weighted(`urgency-${seed}`, [['normal', 70], ['urgent', 10], ['low', 20]] as Array<[WishUrgency, number]>),
      moderation: duplicate ? 'merged' : index % 10 === 3 ? 'pending' : index % 12 === 7 ? 'declined' : 'accepted',
      seconds: Math.floor(fraction(`seconds-${seed}`) ** 2 * 6),
    });
  }
  return plan;
}

interface PostedWish {
  wishId: string;
  wishNo: string;
  authorKey: string;
}

/** Wishes posted and moderated, demand lists decided, street reports sent and reviewed. */
export async function loadWishesDemo(options: WishesDemoOptions): Promise<WishesDemoResult> {
  const api = new WishesDemoApi(options.wishesUrl, options.districtCode, options.jwtSecret);
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
    if (((await api.as(officer, 'GET', `/streets/${street}/decisions`)).body as unknown[]).length > 0) continue;
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

export interface FinishWishesDemoResult {
  confirmed: number;
  reopened: number;
}

/** What the n-th completed wish's author does (in plan order, so the same on every run). */
const ANSWERS = ['confirm', 'leave', 'confirm', 'reopen', 'confirm'] as const;

/**
 * The authors answer what was completed (by dispatch, or by an officer's answer): most confirm
 * and rate, one in five reopens with a reason (back to the street officer, dispatched again), one
 * in five has not answered yet. Run it after serveDemoInvitations; a wish not completed yet is
 * left as it is, and a wish answered by an earlier run is not answered again.
 */
export async function finishWishesDemo(options: WishesDemoOptions): Promise<FinishWishesDemoResult> {
  const api = new WishesDemoApi(options.wishesUrl, options.districtCode, options.jwtSecret);
  const result = { confirmed: 0, reopened: 0 };
  let rank = 0;
  for (const wish of planWishes(options)) {
    if (wish.moderation !== 'accepted') continue;
    const { wishNo, authorKey } = await api.post(wish);
    const page = (await api.call('GET', `/wishes/no/${wishNo}`)).body as { status: string; timeline: { status: string }[] };
    const completions = page.timeline.filter((t) => t.status === 'completed').length;
    if (completions === 0) continue;
    const answer = ANSWERS[rank++ % ANSWERS.length]!;
    if (page.status !== 'completed' || completions > 1 || answer === 'leave') continue;
    if (answer === 'confirm') {
      const confirmed = await api.call('POST', `/wishes/no/${wishNo}/confirm`, { body: { authorKey, rating: rank % 3 === 0 ? 4 : 5, comment: '服务很及时，谢谢' } });
      if (confirmed.status === 200) result.confirmed++;
    } else if ((await api.call('POST', `/wishes/no/${wishNo}/reopen`, { body: { authorKey, reason: '问题还没有完全解决' } })).status === 200) {
      result.reopened++;
    }
  }
  return result;
}

export interface WishTrickleOptions extends WishesDemoOptions {
  /** A new wish this often (default every 5 s). */
  everyMs?: number;
}

/**
 * A new wish every few seconds at a community micro-station (a worker scanning the QR code);
 * the station manager accepts every other one a moment later. Returns the function that stops it.
 */
export function startWishTrickle(options: WishTrickleOptions): () => void {
  const api = new WishesDemoApi(options.wishesUrl, options.districtCode, options.jwtSecret);
  const community = options.stations.filter((s) => s.tier === 'community');
  const stations = community.length > 0 ? community : options.stations;
  let n = 0;
  const timer = setInterval(() => {
    const index = n++;
    const seed = `trickle-${Date.now()}-${index}`;
    const category = weighted(`category-${seed}`, CATEGORY_WEIGHTS);
    const station = stations[Math.floor(fraction(`station-${seed}`) * stations.length)]!;
    const texts = TEXTS[category];
    void api
      .call('POST', '/wishes', { body: { stationId: station.stationId, category, text: texts[Math.floor(fraction(`text-${seed}`) * texts.length)] } })
      .then(async (posted) => {
        if (posted.status === 201 && index % 2 === 0) await api.settled({ role: 'station_manager', station: station.stationId }, `/wishes/${posted.body.wishId}/accept`);
      })
      .catch(() => undefined);
  }, options.everyMs ?? 5000);
  timer.unref();
  return () => clearInterval(timer);
}

type Actor = { role: Role; station?: string; street?: string };

/** Calls to one wishes service as the public or as a signed officer. */
class WishesDemoApi {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    private readonly base: string,
    private readonly districtCode: string,
    private readonly jwtSecret: string,
  ) {}

  call(method: string, path: string, request: { body?: unknown; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
    return requestJson(this.base, method, path, request);
  }

  async as(actor: Actor, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<JsonResponse> {
    const key = `${actor.role}:${actor.station ?? actor.street ?? ''}`;
    let token = this.tokens.get(key);
    if (!token) {
      const principal: Principal = { subject: `demo-${key}`, role: actor.role, node: this.districtCode, ...(actor.station ? { station: actor.station } : {}), ...(actor.street ? { street: actor.street } : {}) };
      token = signToken(this.jwtSecret, principal);
      this.tokens.set(key, token);
    }
    return requestJson(this.base, method, path, { token: await token, body, headers });
  }

  /** A command that is done once: true when it happened now, false when an earlier run did it (409). */
  async settled(actor: Actor, path: string, body: unknown = {}): Promise<boolean> {
    const answer = await this.as(actor, 'POST', path, body);
    if (answer.status === 200) return true;
    if (answer.status === 409) return false;
    throw new Error(`demo ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  /** Posts the planned wish with its own Idempotency-Key: a second run gets the same wish (and author key) back. */
  async post(wish: PlannedWish): Promise<PostedWish> {
    const body = { stationId: wish.station.stationId, kind: wish.kind, category: wish.category, text: wish.text, urgency: wish.urgency, photoRefs: wish.index % 4 === 0 ? [`demo-wish-${wish.index}`] : [] };
    for (let attempt = 0; ; attempt++) {
      const posted = await this.call('POST', '/wishes', { body, headers: { 'idempotency-key': `demo-wish-${this.districtCode}-${wish.index}` } });
      if (posted.status === 201 || posted.status === 200) return posted.body as PostedWish;
      // The station was registered a moment ago and its announcement has not reached wishes yet.
      if (posted.body?.code !== 'station_not_found' || attempt >= 100) throw new Error(`demo wish: ${posted.status} ${JSON.stringify(posted.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  /** The board applies events in order: once the last moderated wish shows it, all earlier ones do. */
  async waitUntilModerated(wishNo: string): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const page = await this.call('GET', `/wishes/no/${wishNo}`);
      if (page.status === 200 && page.body.status !== 'submitted') return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
