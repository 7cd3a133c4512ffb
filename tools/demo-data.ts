import { randomUUID } from 'node:crypto';
import { divisionName, FACILITY_CODES, VISIT_OCCUPATIONS } from '@ws/contracts';
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

export interface StationsDemo {
  stations: DemoStation[];
  /**
   * The stations' history: last year's star reviews, a week of visits, then some upgrades once
   * `directivesIssued` has settled (a directive counts the upgrades completed after its issue).
   * Loaded after the launcher's ready line: the registry is what a first screen needs; the week
   * is ~10 000 kiosk visits that every node above applies too.
   */
  loadHistory(directivesIssued?: Promise<void>): Promise<{ visits: number; upgraded: number; notices: number }>;
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

/** Registers the district's stations through the API (as a district officer); their history is `loadHistory`. */
export async function loadStationsDemo(stationsApi: string, districtCode: string, officerTokens: OfficerTokenMinter, scale = 1, visitsScale = scale): Promise<StationsDemo> {
  const profile = profileOf(districtCode);
  const token = await officerTokens({ subject: 'demo-loader', role: 'district_officer', node: districtCode });
  await adoptStandard(stationsApi, token, profile.standard);
  const plans = planStations(districtCode, scale);
  const stations = await inBatches(plans, IN_FLIGHT, async ({ body }) => {
    const { stationId } = await call(stationsApi, '/stations', token, body);
    return { id: stationId as string, tier: body.tier, streetCode: body.streetCode, communityCode: body.communityCode, location: body.location };
  });
  return {
    stations,
    async loadHistory(directivesIssued = Promise.resolve()) {
      const lastYear = new Date().getFullYear() - 1;
      await inBatches(plans.map((plan, i) => ({ plan, station: stations[i]! })), IN_FLIGHT, async ({ plan, station }) => {
        if (plan.reviewScores) await call(stationsApi, `/stations/${station.id}/review`, token, { year: lastYear, scores: plan.reviewScores });
      });
      const notices = await publishDemoNotices(stationsApi, token, districtCode, plans.map((plan, i) => ({ id: stations[i]!.id, tier: plan.body.tier, hours: plan.body['hours'] as NoticeStation['hours'] })));
      const random = seededRandom(Number(districtCode) + 1);
      const visits = await backfillVisits(stationsApi, stations.map((s) => s.id), Math.round(profile.visitsPerDay * visitsScale), 7, random);
      await directivesIssued;
      return { visits, upgraded: await upgradeSome(stationsApi, token, plans, stations), notices };
    },
  };
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

/**
 * Some stations missing one of the eight basics are upgraded to 八有: listed, the missing
 * facilities added, completed. Run after the province's and cities' directives are issued, it
 * gives their upgrade targets some progress.
 */
async function upgradeSome(stationsApi: string, token: string, plans: StationPlan[], stations: DemoStation[]): Promise<number> {
  const short = stations.filter((_, i) => BASE_FACILITIES.some((f) => !(plans[i]!.body['facilities'] as string[]).includes(f)));
  const chosen = short.filter((_, i) => i % Math.round(1 / UPGRADED_SHARE) === 0);
  const due = `${new Date().getFullYear()}-12-31`;
  await inBatches(chosen, IN_FLIGHT, async (station) => {
    const facilities = plans[stations.indexOf(station)]!.body['facilities'] as string[];
    await call(stationsApi, `/stations/${station.id}/upgrade-plan`, token, { standard: 'ba_you', due });
    await call(stationsApi, `/stations/${station.id}/facilities`, token, { facilities: [...new Set([...facilities, ...BASE_FACILITIES])] });
    await call(stationsApi, `/stations/${station.id}/upgrade-complete`, token, {});
  });
  return chosen.length;
}

/** A week of visits, shaped by hour (lunch and dinner peaks), uploaded as kiosk batches. */
async function backfillVisits(stationsApi: string, stationIds: string[], perDay: number, days: number, random: () => number): Promise<number> {
  const hourWeights = [1, 1, 1, 1, 1, 2, 3, 5, 6, 6, 8, 12, 14, 9, 6, 5, 6, 9, 11, 8, 5, 3, 2, 1];
  const byStation = new Map<string, Array<{ key: string; at: string; occupation: string }>>();
  const now = Date.now();
  for (let d = days - 1; d >= 0; d--) {
    for (let i = 0; i < perDay; i++) {
      const hour = Number(pickWeighted(random, hourWeights.map((w, h) => [String(h), w])));
      const at = new Date(now - d * 86_400_000);
      at.setUTCHours((hour + 16) % 24, Math.floor(random() * 60), 0, 0); // Shanghai hour → UTC
      if (at.getTime() > now) at.setTime(at.getTime() - 86_400_000);
      const stationId = stationIds[Math.floor(Math.pow(random(), 1.6) * stationIds.length)]!;
      const list = byStation.get(stationId) ?? [];
      list.push({ key: randomUUID(), at: at.toISOString(), occupation: pickWeighted(random, OCCUPATION_WEIGHTS) });
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
