import { ref } from 'vue';
import { allKeysetPages, KEYSET_PAGE_MAX, type KeysetPage } from '../../../../libs/contracts/src/keyset-pages';
import { api } from './api';
import { shortId } from './labels';

/** What the stations service answers about a station (its directory entry). */
export interface OpeningPeriod {
  day: number;
  open: string;
  close: string;
}

export interface StationService {
  service: string;
  schedule: { kind: 'weekly' | 'sessions'; slots?: Array<{ day: number; start: string; end: string }>; sessions?: Array<{ date: string; start: string; end: string }> };
}

export interface Station {
  id: string;
  districtCode: string;
  name: string;
  kind: string;
  tier: string;
  host: string;
  streetCode: string;
  communityCode: string | null;
  address: string;
  lng: number;
  lat: number;
  hours: { open24h: boolean; weekly?: OpeningPeriod[] };
  open24h: boolean;
  seats: number | null;
  contactPhone: string | null;
  status: StationStatus;
  statusReason: string | null;
  suspendedUntil: string | null;
  facilities: string[];
  services: StationService[];
  stars: number | null;
  /** The whole notice in a station's detail; a directory list row carries its short form (stationClass, hotline, hours) only. */
  notice: StationNotice | null;
  registeredAt: string;
  updatedAt: string;
  version: number;
}

/** The public notice (公示) as the directory shows it: the manager's name from the node's vault. */
export interface StationNotice {
  hotline: string | null;
  pledge: string | null;
  services: string | null;
  hours: string | null;
  managerName: string | null;
  /** Agencies stationed there (交警, 保险, 公益伙伴 …), each a body, never a person. */
  partners: StationedPartner[];
}

export interface StationedPartner {
  kind: string;
  name: string;
}

export type StationStatus = 'active' | 'suspended' | 'closed';

/** How a station's status is tagged; its name is the stations service's (`label('statuses', status)`). */
export const STATION_STATUS_TAGS: Record<StationStatus, 'success' | 'warning' | 'info'> = { active: 'success', suspended: 'warning', closed: 'info' };

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** Opening hours as people read them: 24 小时, or each day's periods. */
export function describeHours(hours: Station['hours'] | undefined): string {
  if (!hours) return '—';
  if (hours.open24h) return '24 小时开放';
  const periods = hours.weekly ?? [];
  if (periods.length === 0) return '未设置';
  const byTime = new Map<string, number[]>();
  for (const p of periods) byTime.set(`${p.open}–${p.close}`, [...(byTime.get(`${p.open}–${p.close}`) ?? []), p.day]);
  return [...byTime].map(([time, days]) => `${days.length === 7 ? '每天' : days.map((d) => WEEKDAYS[d - 1]).join('、')} ${time}`).join('；');
}

/** Today in Beijing as YYYY-MM-DD (the services count visits by the Beijing day). */
export const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The star review's criteria with their weights in % (stations catalogue/stars REVIEW_WEIGHTS); their names are the service's (`label('criteria', code)`). */
export const REVIEW_CRITERIA: Array<{ code: 'facilities' | 'services' | 'management' | 'usage' | 'satisfaction'; weight: number }> = [
  { code: 'facilities', weight: 25 },
  { code: 'services', weight: 25 },
  { code: 'management', weight: 20 },
  { code: 'usage', weight: 15 },
  { code: 'satisfaction', weight: 15 },
];

/** What the station detail adds to a directory row: the registry's records (upgrade plan, review, honours, class). */
export interface StationRecords {
  stationClass: string | null;
  reviewYear: number | null;
  honours: Array<{ year: number; level: string; title: string }>;
  upgrade: { standard: string; lacking: string[]; due: string; completed: boolean } | null;
}

/** The stars a weighted score earns (stations catalogue/stars STAR_THRESHOLDS): shown before the review is sent. */
export function starsFor(scores: Record<string, number>): { score: number; stars: number } {
  const score = REVIEW_CRITERIA.reduce((sum, c) => sum + (scores[c.code] ?? 0) * c.weight, 0) / 100;
  const stars = score >= 90 ? 5 : score >= 80 ? 4 : score >= 70 ? 3 : score >= 60 ? 2 : 1;
  return { score, stars };
}

/** Every station of the directory that the filter (its query: `street`, `status`…) matches, page after page. */
export function allStations(filter: Record<string, string | undefined>): Promise<Station[]> {
  return allKeysetPages((after) => api<KeysetPage<Station>>('stations', '/stations', { query: { ...filter, limit: KEYSET_PAGE_MAX, after } }));
}

/**
 * Station names for a list that carries only stations' ids (a redemption's station): each id
 * asked once of the node's directory (GET /stations/:id, which holds the subtree's stations); the
 * short id until the answer comes, or for good when the directory does not know the station.
 */
export function useStationNames() {
  const names = ref<Record<string, string>>({});
  const asked = new Set<string>();
  function learn(ids: Iterable<string | null>) {
    for (const id of ids) {
      if (!id || asked.has(id)) continue;
      asked.add(id);
      void api<Pick<Station, 'name'>>('stations', `/stations/${id}`).then(
        (station) => (names.value = { ...names.value, [id]: station.name }),
        () => undefined,
      );
    }
  }
  return { learn, name: (id: string) => names.value[id] ?? shortId(id) };
}
