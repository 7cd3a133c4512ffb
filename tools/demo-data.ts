import { randomUUID } from 'node:crypto';
import { allKeysetPages, divisionName, FACILITY_CODES, keysetPagePath, VISIT_OCCUPATIONS } from '@ws/contracts';
import { seededRandom, type OfficerTokenMinter } from '@ws/kernel';
import { requestOk } from '@ws/platform';
import { type NoticeStation, publishDemoNotices } from './demo-notices';

/**
 * Demo stations and visits for one district, in the proportions the seeds report (scaled):
 * 柯城 "1+7+60+N" with 90 stations and 5 000 visits a day; 海盐 113 stations, 9 open 24 h;
 * 南湖 150+ 惠工小站 on "9+X"; other districts get a 柯城-like mix.
 */
export interface DistrictProfile {
  center: { lng: number; lat: number };
  hubs: number;
  streets: number;
  communities: number;
  convenience: number;
  open24h: number;
  visitsPerDay: number;
  /** Outdoor workers in the district's heat map (劳动者热力). */
  workers: number;
  standard: 'ba_you' | 'nine_plus_x' | 'liu_you';
}

export const DISTRICT_PROFILES: Record<string, DistrictProfile> = {
  '330802': { center: { lng: 118.87, lat: 28.94 }, hubs: 1, streets: 7, communities: 60, convenience: 22, open24h: 3, visitsPerDay: 5000, workers: 15000, standard: 'ba_you' },
  '330424': { center: { lng: 120.95, lat: 30.52 }, hubs: 1, streets: 8, communities: 70, convenience: 34, open24h: 9, visitsPerDay: 1700, workers: 6000, standard: 'liu_you' },
  '330402': { center: { lng: 120.78, lat: 30.75 }, hubs: 1, streets: 7, communities: 90, convenience: 52, open24h: 6, visitsPerDay: 2600, workers: 9000, standard: 'nine_plus_x' },
};

const DEFAULT_PROFILE: DistrictProfile = DISTRICT_PROFILES['330802']!;
const OCCUPATION_WEIGHTS: Array<[string, number]> = [
  ['rider', 38], ['courier', 24], ['sanitation', 13], ['ride_hail_driver', 9], ['truck_driver', 5],
  ['taxi_driver', 3], ['city_management', 2], ['auxiliary_police', 1], ['domestic_worker', 2], ['care_worker', 1], ['other', 2],
];
const BASE_FACILITIES = ['air_conditioning', 'fridge', 'microwave', 'water_dispenser', 'charging', 'tables_chairs', 'first_aid_kit', 'toilet'];

export function profileOf(districtCode: string): DistrictProfile {
  return DISTRICT_PROFILES[districtCode] ?? DEFAULT_PROFILE;
}

export function pickWeighted(random: () => number, weights: Array<[string, number]>): string {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let roll = random() * total;
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return weights[0]![0];
}

/** A POST to a service by the demo loaders; anything but a 2xx throws (requestOk). */
export function call(base: string, path: string, token: string | undefined, body: unknown): Promise<any> {
  return requestOk(base, 'POST', path, { ...(token ? { token } : {}), body });
}

export interface DemoStation {
  id: string;
  tier: string;
  streetCode: string;
  communityCode: string | null;
  location: { lng: number; lat: number };
}

/** What a history load put in: reviews, visits (new ones), upgrades completed, notices posted. */
export interface DemoHistory {
  reviews: number;
  visits: number;
  upgraded: number;
  notices: number;
}

export interface StationsDemo {
  stations: DemoStation[];
  /**
   * The stations' history: last year's star reviews, the notices, a week of visits, then some
   * upgrades once `directivesIssued` has settled (a directive counts the upgrades completed after
   * its issue). Loaded after the launcher's ready line: the registry is what a first screen
   * needs; the week is ~10 000 kiosk visits that every node above applies too. Of a resumed demo
   * (`resumeStationsDemo`), only what an earlier start did not load.
   */
  loadHistory(directivesIssued?: Promise<void>): Promise<DemoHistory>;
}

/** A station the demo registers, and the review it gets (about 60% of them). */
export interface StationPlan {
  body: { name: string; tier: string; streetCode: string; communityCode: string | null; location: { lng: number; lat: number } } & Record<string, unknown>;
  reviewScores: Record<string, number> | null;
}

/**
 * The district's demo stations, the same on every run and on every machine (seeded by the
 * district code): so any node can draw the heat map of its subtree without asking for it.
 */
export function planStations(districtCode: string, scale = 1): StationPlan[] {
  const profile = profileOf(districtCode);
  const random = seededRandom(Number(districtCode));
  const name = divisionName(districtCode) ?? districtCode;
  const tiers: Array<[string, number]> = [
    ['district_hub', profile.hubs],
    ['street', profile.streets],
    ['community', Math.round(profile.communities * scale)],
    ['convenience', Math.round(profile.convenience * scale)],
  ];
  const plans: StationPlan[] = [];
  let counter = 0;
  for (const [tier, count] of tiers) {
    for (let i = 0; i < count; i++) {
      counter++;
      const street = 1 + (counter % profile.streets);
      const streetCode = `${districtCode}${String(street).padStart(3, '0')}`;
      const open24h = tier === 'district_hub' || counter <= profile.open24h;
      const facilities = BASE_FACILITIES.filter(() => random() > 0.05);
      for (const extra of FACILITY_CODES) if (!facilities.includes(extra) && random() < 0.18) facilities.push(extra);
      const opening = 7 + Math.floor(random() * 3);
      const body = {
        name: `${name}${tier === 'district_hub' ? '工会驿站综合体' : tier === 'street' ? `第${street}街道工会驿站` : tier === 'community' ? `社区微站${counter}号` : `便民服务点${counter}号`}`,
        kind: random() < 0.05 ? 'driver_home' : 'station',
        tier,
        host: pickWeighted(random, [['union_built', 3], ['community_centre', 4], ['bank', 1], ['shop', 2], ['gas_station', 1], ['courier_outlet', 1]]),
        streetCode,
        communityCode: tier === 'community' ? `${streetCode}${String(1 + (counter % 12)).padStart(3, '0')}` : null,
        address: `${name}示范路${counter}号`,
        location: { lng: profile.center.lng + (random() - 0.5) * 0.16, lat: profile.center.lat + (random() - 0.5) * 0.12 },
        hours: open24h
          ? { open24h: true }
          : { open24h: false, weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: `0${opening}:00`, close: `${19 + Math.floor(random() * 3)}:00` })) },
        seats: 4 + Math.floor(random() * 30),
        facilities,
      };
      let reviewScores: Record<string, number> | null = null;
      if (random() < 0.6) {
        // 使用人次 and 劳动者满意度 are scored from the station's measured year (visits, activities, wishes' ratings), never sent.
        const scores = { facilities: 60 + random() * 40, services: 55 + random() * 45, management: 60 + random() * 40 };
        reviewScores = Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Math.round(v)]));
      }
      plans.push({ body, reviewScores });
    }
  }
  return plans;
}

/** How many demo requests run at once: enough to hide the round trips, few enough for 2 cores. */
const IN_FLIGHT = 6;

/** Runs `work` over `items` with at most `limit` in flight; results in the items' order. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A registered demo station and the plan it was registered from. */
interface PlannedStation {
  plan: StationPlan;
  station: DemoStation;
}

/** Registers the district's stations through the API (as a district officer); their history is `loadHistory`. */
export async function loadStationsDemo(stationsApi: string, districtCode: string, officerTokens: OfficerTokenMinter, scale = 1, visitsScale = scale): Promise<StationsDemo> {
  const token = await demoOfficerToken(officerTokens, districtCode);
  await adoptStandard(stationsApi, token, profileOf(districtCode).standard);
  const plans = planStations(districtCode, scale);
  const planned = await inBatches(plans, IN_FLIGHT, async (plan): Promise<PlannedStation> => {
    const { body } = plan;
    const { stationId } = await call(stationsApi, '/stations', token, body);
    return { plan, station: { id: stationId as string, tier: body.tier, streetCode: body.streetCode, communityCode: body.communityCode, location: body.location } };
  });
  return { stations: planned.map((p) => p.station), loadHistory: (directivesIssued) => loadHistory(stationsApi, districtCode, token, planned, visitsScale, directivesIssued, null) };
}

/** A station as the directory lists it (the fields the demo reads). */
interface DirectoryItem {
  id: string;
  name: string;
  tier: string;
  streetCode: string;
  communityCode: string | null;
  lng: number;
  lat: number;
}

/**
 * The district's demo stations: registered now if the district has none (`registeredNow`), else
 * the ones an earlier start registered. Then `loadHistory` reads what of the history is there —
 * a start killed after the stations and before their history, or in the middle of it — and loads
 * the rest, nothing twice: a review of last year, a notice, an upgrade (each step) are read from
 * each station's detail; the visits carry keys derived from the district (the same on every
 * run), so a batch sent again is answered duplicate and counted once, and they are not sent at
 * all once an upgrade shows (the upgrades come after the week).
 */
export async function ensureStationsDemo(stationsApi: string, districtCode: string, officerTokens: OfficerTokenMinter, scale = 1, visitsScale = scale): Promise<StationsDemo & { registeredNow: boolean }> {
  // A district node's directory holds its own district's stations only.
  const registered = await allKeysetPages<DirectoryItem>((after) => requestOk(stationsApi, 'GET', keysetPagePath('/stations', after)));
  if (registered.length === 0) return { ...(await loadStationsDemo(stationsApi, districtCode, officerTokens, scale, visitsScale)), registeredNow: true };
  const token = await demoOfficerToken(officerTokens, districtCode);
  const stations = registered.map((s) => ({ id: s.id, tier: s.tier, streetCode: s.streetCode, communityCode: s.communityCode, location: { lng: s.lng, lat: s.lat } }));
  const byName = new Map(registered.map((s, i) => [s.name, stations[i]!]));
  // Matched by name (unique in a district's plan); a station an officer registered since is no demo's.
  const planned = planStations(districtCode, scale).flatMap((plan) => {
    const station = byName.get(plan.body.name);
    return station ? [{ plan, station }] : [];
  });
  return {
    stations,
    registeredNow: false,
    loadHistory: async (directivesIssued) => loadHistory(stationsApi, districtCode, token, planned, visitsScale, directivesIssued, await readHistory(stationsApi, planned)),
  };
}

const demoOfficerToken = (officerTokens: OfficerTokenMinter, districtCode: string) => officerTokens({ subject: 'demo-loader', role: 'district_officer', node: districtCode });

/** What of a district's history the stations hold, per station (the directory's detail of each). */
interface HistoryDone {
  reviewed: Set<string>;
  noticed: Set<string>;
  /** Station → its upgrade as the directory shows it (null: none planned). */
  upgrades: Map<string, { completed: boolean } | null>;
  facilities: Map<string, string[]>;
}

async function readHistory(stationsApi: string, planned: PlannedStation[]): Promise<HistoryDone> {
  const lastYear = new Date().getFullYear() - 1;
  const done: HistoryDone = { reviewed: new Set(), noticed: new Set(), upgrades: new Map(), facilities: new Map() };
  await inBatches(planned, IN_FLIGHT, async ({ station }) => {
    const detail = await requestOk(stationsApi, 'GET', `/stations/${station.id}`);
    if (detail.reviewYear === lastYear) done.reviewed.add(station.id);
    if (detail.notice?.pledge) done.noticed.add(station.id);
    done.upgrades.set(station.id, detail.upgrade);
    done.facilities.set(station.id, detail.facilities);
  });
  return done;
}

/**
 * Last year's star reviews, the notices, a week of visits, then (once `directivesIssued` has
 * settled) the upgrades, in that order; `done` (null on a first start) what an earlier start
 * already loaded, which is skipped. Answers what this call loaded.
 */
async function loadHistory(
  stationsApi: string,
  districtCode: string,
  token: string,
  planned: PlannedStation[],
  visitsScale: number,
  directivesIssued: Promise<void> = Promise.resolve(),
  done: HistoryDone | null,
): Promise<DemoHistory> {
  const lastYear = new Date().getFullYear() - 1;
  const toReview = planned.filter(({ plan, station }) => plan.reviewScores && !done?.reviewed.has(station.id));
  await inBatches(toReview, IN_FLIGHT, ({ plan, station }) => call(stationsApi, `/stations/${station.id}/review`, token, { year: lastYear, scores: plan.reviewScores }));
  const noticeStations = planned.map(({ plan, station }) => ({ id: station.id, tier: plan.body.tier, hours: plan.body['hours'] as NoticeStation['hours'] }));
  const notices = await publishDemoNotices(stationsApi, token, districtCode, noticeStations, done?.noticed);
  const chosen = chosenForUpgrade(planned);
  // The upgrades come after the week of visits: once one of them is in, so is the week.
  const upgradesBegun = chosen.some(({ station }) => done?.upgrades.get(station.id));
  const random = seededRandom(Number(districtCode) + 1);
  const perDay = Math.round(profileOf(districtCode).visitsPerDay * visitsScale);
  const visits = upgradesBegun ? 0 : await backfillVisits(stationsApi, districtCode, planned.map((p) => p.station.id), perDay, 7, random);
  await directivesIssued;
  return { reviews: toReview.length, visits, upgraded: await upgradeSome(stationsApi, token, chosen, done), notices };
}

/**
 * A node's own standard. A directive from its parent to adopt a standard (demo-directives.ts)
 * may be writing the same stream at that moment: 409 version_conflict, and asking again decides
 * on the new version (no change if the directive brought the same standard).
 */
export async function adoptStandard(stationsApi: string, token: string, standard: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(stationsApi, '/standard', token, { standard });
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('version_conflict')) throw error;
    }
  }
}

/** Share of the stations short of 八有 that the demo takes through 提档升级 (the province's 2024 target, seed 004). */
const UPGRADED_SHARE = 0.3;

/** Some of the stations missing one of the eight basics: every third of them, the same on every run. */
function chosenForUpgrade(planned: PlannedStation[]): PlannedStation[] {
  const short = planned.filter(({ plan }) => BASE_FACILITIES.some((f) => !(plan.body['facilities'] as string[]).includes(f)));
  return short.filter((_, i) => i % Math.round(1 / UPGRADED_SHARE) === 0);
}

/**
 * The chosen stations are upgraded to 八有: listed, the missing facilities added, completed. Run
 * after the province's and cities' directives are issued, it gives their upgrade targets some
 * progress. A step `done` shows (an earlier start's) is not taken again; answers how many
 * upgrades this call completed.
 */
async function upgradeSome(stationsApi: string, token: string, chosen: PlannedStation[], done: HistoryDone | null): Promise<number> {
  const due = `${new Date().getFullYear()}-12-31`;
  const completed = await inBatches(chosen, IN_FLIGHT, async ({ plan, station }) => {
    const upgrade = done?.upgrades.get(station.id) ?? null;
    if (upgrade?.completed) return false;
    const facilities = [...new Set([...(plan.body['facilities'] as string[]), ...BASE_FACILITIES])];
    if (!upgrade) await call(stationsApi, `/stations/${station.id}/upgrade-plan`, token, { standard: 'ba_you', due });
    const had = done?.facilities.get(station.id) ?? [];
    if (!facilities.every((f) => had.includes(f))) await call(stationsApi, `/stations/${station.id}/facilities`, token, { facilities });
    await call(stationsApi, `/stations/${station.id}/upgrade-complete`, token, {});
    return true;
  });
  return completed.filter(Boolean).length;
}

/**
 * A week of visits, shaped by hour (lunch and dinner peaks), uploaded as kiosk batches. Each
 * visit's key is the district's and its number, the same on every run: a visit sent again
 * (a start resuming the history) is a duplicate, counted once. Answers how many were new.
 */
async function backfillVisits(stationsApi: string, districtCode: string, stationIds: string[], perDay: number, days: number, random: () => number): Promise<number> {
  const hourWeights = [1, 1, 1, 1, 1, 2, 3, 5, 6, 6, 8, 12, 14, 9, 6, 5, 6, 9, 11, 8, 5, 3, 2, 1];
  const byStation = new Map<string, Array<{ key: string; at: string; occupation: string }>>();
  const now = Date.now();
  let counter = 0;
  for (let d = days - 1; d >= 0; d--) {
    for (let i = 0; i < perDay; i++) {
      const hour = Number(pickWeighted(random, hourWeights.map((w, h) => [String(h), w])));
      const at = new Date(now - d * 86_400_000);
      at.setUTCHours((hour + 16) % 24, Math.floor(random() * 60), 0, 0); // Shanghai hour → UTC
      if (at.getTime() > now) at.setTime(at.getTime() - 86_400_000);
      const stationId = stationIds[Math.floor(Math.pow(random(), 1.6) * stationIds.length)]!;
      const list = byStation.get(stationId) ?? [];
      list.push({ key: `demo-${districtCode}-${counter++}`, at: at.toISOString(), occupation: pickWeighted(random, OCCUPATION_WEIGHTS) });
      byStation.set(stationId, list);
    }
  }
  const batches = [...byStation].flatMap(([stationId, visits]) =>
    Array.from({ length: Math.ceil(visits.length / 1000) }, (_, i) => ({ stationId, visits: visits.slice(i * 1000, (i + 1) * 1000) })),
  );
  const accepted = await inBatches(batches, IN_FLIGHT, async (batch) => (await call(stationsApi, `/stations/${batch.stationId}/checkins/batch`, undefined, { visits: batch.visits })).accepted as number);
  return accepted.reduce((sum, n) => sum + n, 0);
}

/** A steady trickle of live check-ins (扫码打卡) at random stations, until stopped. */
export function startCheckinTrickle(stationsApi: string, stationIds: string[], perSecond: number): () => void {
  const random = seededRandom(Date.now());
  const timer = setInterval(() => {
    for (let i = 0; i < perSecond; i++) {
      const stationId = stationIds[Math.floor(random() * stationIds.length)]!;
      void call(stationsApi, `/stations/${stationId}/checkins`, undefined, { key: randomUUID(), occupation: pickWeighted(random, OCCUPATION_WEIGHTS) }).catch(() => undefined);
    }
  }, 1000);
  return () => clearInterval(timer);
}
