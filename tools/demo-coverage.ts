import { seededRandom, type OfficerTokenMinter } from '@ws/kernel';
import { call, planStations, profileOf } from './demo-data';

/**
 * A made-up worker-density heat map (劳动者热力) for one district, as `lat,lng,count` rows: most
 * workers where the stations are (the district's centre and around each station), and a few
 * clusters where there is no station yet — an industrial park, a logistics hub, a new
 * residential area — which the 15分钟服务圈 reports as coverage gaps (覆盖空白).
 */
export interface DensityPoint {
  lat: number;
  lng: number;
  count: number;
}

/** Offsets from the district's centre, in degrees, of the clusters without a station (≥ 10 km out). */
const GAP_CLUSTERS: Array<{ dLng: number; dLat: number; share: number }> = [
  { dLng: 0.16, dLat: 0.03, share: 0.06 },
  { dLng: -0.06, dLat: -0.13, share: 0.04 },
  { dLng: 0.11, dLat: 0.12, share: 0.03 },
];
const CENTRE_SHARE = 0.35;

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function workerDensity(districtCode: string, stationScale: number): DensityPoint[] {
  const stations = planStations(districtCode, stationScale).map((plan) => plan.body);
  const profile = profileOf(districtCode);
  const random = seededRandom(Number(districtCode) * 7 + 1);
  const points: DensityPoint[] = [];
  const cluster = (lng: number, lat: number, spread: number, workers: number, spots: number) => {
    for (let i = 0; i < spots; i++) {
      points.push({ lng: lng + gaussian(random) * spread, lat: lat + gaussian(random) * spread * 0.85, count: Math.max(1, Math.round((workers / spots) * (0.4 + 1.2 * random()))) });
    }
  };
  const gapShare = GAP_CLUSTERS.reduce((sum, gap) => sum + gap.share, 0);
  cluster(profile.center.lng, profile.center.lat, 0.025, profile.workers * CENTRE_SHARE, 120);
  const perStation = (profile.workers * (1 - CENTRE_SHARE - gapShare)) / Math.max(1, stations.length);
  for (const station of stations) cluster(station.location.lng, station.location.lat, 0.006, perStation, 2);
  for (const gap of GAP_CLUSTERS) cluster(profile.center.lng + gap.dLng, profile.center.lat + gap.dLat, 0.008, profile.workers * gap.share, 12);
  return points;
}

export function densityCsv(points: DensityPoint[]): string {
  return ['lat,lng,count', ...points.map((p) => `${p.lat.toFixed(5)},${p.lng.toFixed(5)},${p.count}`)].join('\n');
}

/**
 * Imports the heat map into a node's coverage read model (reference data, not events: each
 * node holds the cells of its whole subtree, so a city gets its districts' points together).
 */
export async function importWorkerDensity(stationsApi: string, nodeCode: string, points: DensityPoint[], officerTokens: OfficerTokenMinter): Promise<{ imported: number; workers: number }> {
  const role = nodeCode.length === 2 ? 'province_officer' : nodeCode.length === 4 ? 'city_officer' : 'district_officer';
  const token = await officerTokens({ subject: 'demo-loader', role, node: nodeCode });
  return call(stationsApi, '/coverage/cells', token, { csv: densityCsv(points) });
}
