import { KEYSET_PAGE_MAX, labelPairs, LEGAL_CASE_KIND_LABELS, OCCUPATION_LABELS, shanghaiDayAndHour, SPENDING_CATEGORY_LABELS } from '@ws/contracts';
import { seededRandom } from '@ws/kernel';
import type { FakeRoute } from './fake-upstream';

/** A district's stations spread around a centre point; the figures are deterministic per seed. */
export interface DistrictSpec {
  code: string;
  center: [number, number];
  stations: number;
  seed: number;
}

/** A directory item as GET /stations returns it (snake_case columns of the read model). */
export interface CannedStation {
  id: string;
  name: string;
  district_code: string;
  street_code: string;
  kind: string;
  tier: string;
  status: 'active' | 'suspended' | 'closed';
  open24h: boolean;
  stars: number | null;
  lng: number;
  lat: number;
  address: string;
  facilities: string[];
}

interface ComplianceRow {
  key: string;
  total: number;
  compliant: number;
  share: number;
  missing: Array<{ facility: string; stations: number }>;
}

interface WorkerCell {
  cell: string;
  lng: number;
  lat: number;
  count: number;
  covered: boolean;
}

export interface CannedNodeData {
  stations: CannedStation[];
  /** GET /compliance: open (not closed) stations against 八有, by district. */
  compliance: { standard: string; label: string; by: 'district'; total: number; compliant: number; share: number; rows: ComplianceRow[] };
  /** GET /coverage, plus `cells` (every worker cell), which the heat layer draws when present. */
  coverage: { reachKm: number; totalWorkers: number; coveredWorkers: number; share: number; uncoveredHotCells: WorkerCell[]; cells: WorkerCell[] };
  visitsByDay: Array<{ key: string; visits: number }>;
  visitsByOccupation: Array<{ key: string; visits: number }>;
}

const TIERS = ['district_hub', 'street', 'street', 'community', 'community', 'community', 'convenience', 'convenience'];
const KINDS = ['station', 'station', 'station', 'driver_home'];
const EIGHT_HAVE = ['air_conditioning', 'fridge', 'microwave', 'water_dispenser', 'charging', 'tables_chairs', 'toilet', 'first_aid_kit'];
const OCCUPATIONS = ['rider', 'courier', 'ride_hail_driver', 'truck_driver', 'sanitation', 'taxi_driver', 'care_worker', 'other'];
const PLACES = ['复兴', '荷花', '府山', '白云', '信安', '新新', '双港', '航埠'];

/** Part of what stations' GET /labels answers: the names of the codes above (the page shows any other code as it is). */
export const CANNED_LABELS = {
  tiers: [
    { code: 'district_hub', label: '区级综合体' },
    { code: 'street', label: '街道驿站' },
    { code: 'community', label: '社区微站' },
    { code: 'convenience', label: '便民服务站' },
  ],
  kinds: [
    { code: 'station', label: '工会驿站' },
    { code: 'driver_home', label: '司机之家' },
  ],
  statuses: [
    { code: 'active', label: '开放中' },
    { code: 'suspended', label: '暂停服务' },
    { code: 'closed', label: '已关闭' },
  ],
  occupations: labelPairs(OCCUPATION_LABELS),
};

function uuidFor(seed: number, index: number): string {
  const hex = (seed * 100_000 + index).toString(16).padStart(12, '0');
  return `0196f000-0000-7000-8000-${hex}`;
}

export function cannedNode(districts: DistrictSpec[], now = new Date()): CannedNodeData {
  const stations: CannedStation[] = [];
  const cells: WorkerCell[] = [];
  for (const district of districts) {
    const next = seededRandom(district.seed);
    for (let index = 0; index < district.stations; index += 1) {
      const tier = TIERS[index % TIERS.length]!;
      const facilities = EIGHT_HAVE.filter(() => next() > 0.12);
      const roll = next();
      stations.push({
        id: uuidFor(district.seed, index),
        name: `${PLACES[index % PLACES.length]}${tier === 'district_hub' ? '职工服务综合体' : tier === 'convenience' ? '便民服务点' : '暖心驿站'}${index + 1}号`,
        district_code: district.code,
        street_code: `${district.code}${String((index % 6) + 1).padStart(3, '0')}`,
        kind: KINDS[index % KINDS.length]!,
        tier,
        status: roll < 0.86 ? 'active' : roll < 0.95 ? 'suspended' : 'closed',
        open24h: next() < 0.3,
        stars: next() < 0.7 ? 1 + Math.floor(next() * 5) : null,
        lng: round(district.center[0] + (next() - 0.5) * 0.14),
        lat: round(district.center[1] + (next() - 0.5) * 0.11),
        address: `${PLACES[index % PLACES.length]}路${10 + index}号`,
        facilities,
      });
    }
    for (let index = 0; index < 60; index += 1) {
      const count = Math.round(20 + next() * 400);
      const lng = round(district.center[0] + (next() - 0.5) * 0.22);
      const lat = round(district.center[1] + (next() - 0.5) * 0.18);
      cells.push({ cell: `${district.code}-${index}`, lng, lat, count, covered: next() > 0.2 });
    }
  }
  const rows = districts.map((district) => complianceRow(district.code, stations.filter((s) => s.district_code === district.code && s.status !== 'closed')));
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  const compliant = rows.reduce((sum, row) => sum + row.compliant, 0);
  const totalWorkers = cells.reduce((sum, c) => sum + c.count, 0);
  const coveredWorkers = cells.filter((c) => c.covered).reduce((sum, c) => sum + c.count, 0);
  const next = seededRandom(districts.reduce((sum, d) => sum + d.seed, 0));
  const visitsByDay = Array.from({ length: 30 }, (_, index) => ({
    key: shanghaiDayAndHour(new Date(now.getTime() - (29 - index) * 86_400_000)).day,
    visits: Math.round(stations.length * (8 + next() * 6)),
  }));
  const visitsTotal = visitsByDay.reduce((sum, d) => sum + d.visits, 0);
  const weights = [0.38, 0.24, 0.14, 0.1, 0.09, 0.05];
  const visitsByOccupation = OCCUPATIONS.map((key, index) => ({ key, visits: Math.round(visitsTotal * weights[index]!) }));
  return {
    stations,
    compliance: { standard: 'ba_you', label: '八有', by: 'district', total, compliant, share: total ? compliant / total : 0, rows },
    coverage: {
      reachKm: 1.92,
      totalWorkers,
      coveredWorkers,
      share: totalWorkers ? coveredWorkers / totalWorkers : 0,
      uncoveredHotCells: cells.filter((c) => !c.covered).sort((a, b) => b.count - a.count),
      cells,
    },
    visitsByDay,
    visitsByOccupation,
  };
}

function complianceRow(key: string, open: CannedStation[]): ComplianceRow {
  const compliant = open.filter((s) => EIGHT_HAVE.every((f) => s.facilities.includes(f))).length;
  const missing = EIGHT_HAVE.map((facility) => ({ facility, stations: open.filter((s) => !s.facilities.includes(facility)).length }))
    .filter((m) => m.stations > 0)
    .sort((a, b) => b.stations - a.stations);
  return { key, total: open.length, compliant, share: open.length ? compliant / open.length : 0, missing };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * The stations read API over canned data, as the dashboard's client expects it. `omit` leaves
 * endpoints out, to show that the page copes with a missing one.
 */
/** The year's work as the stations service's public figures answer it (activities, welfare, programmes). */
export const CANNED_WORK = {
  activities: { held: 32, participants: 1536, newFormParticipants: 1152, rows: [] },
  welfare: { handouts: 8, quantity: 1440, peopleReached: 1440, newFormPeople: 1040, costFen: 7_200_000, rows: [] },
  programmes: { people: 1210, healthChecks: { people: 810, newFormPeople: 410, newFormSharePercent: 50.6 }, childcare: { people: 400 } },
};

/** Funds and legal aid of the year as the stations service's public figures answer them (fen; labels from contracts as the service sends them). */
export const CANNED_FUNDS = {
  funds: {
    spentFen: 4_938_250,
    byCategory: [
      { key: 'activities', label: SPENDING_CATEGORY_LABELS.activities, spentFen: 2_500_000 },
      { key: 'welfare', label: SPENDING_CATEGORY_LABELS.welfare, spentFen: 1_800_000 },
      { key: 'books', label: SPENDING_CATEGORY_LABELS.books, spentFen: 638_250 },
      { key: 'other', label: SPENDING_CATEGORY_LABELS.other, spentFen: 0 },
    ],
    budgets: { budgets: 24, amountFen: 12_000_000, spentFen: 4_938_250, balanceFen: 7_061_750 },
  },
  legalAid: {
    cases: 18,
    settled: 11,
    referred: 4,
    recoveredFen: 36_520_000,
    byKind: [
      { key: 'consultation', label: LEGAL_CASE_KIND_LABELS.consultation, cases: 7 },
      { key: 'wage_arrears', label: LEGAL_CASE_KIND_LABELS.wage_arrears, cases: 9 },
      { key: 'work_injury', label: LEGAL_CASE_KIND_LABELS.work_injury, cases: 2 },
      { key: 'other', label: LEGAL_CASE_KIND_LABELS.other, cases: 0 },
    ],
  },
};

export function stationsRoutes(data: CannedNodeData, today: { total: number }, omit: string[] = []): Record<string, FakeRoute> {
  const routes: Record<string, FakeRoute> = {
    '/stations': (url) => {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      if (url.searchParams.has('page') || url.searchParams.has('pageSize') || limit > KEYSET_PAGE_MAX) return undefined; // the real API refuses these
      // Keyset pages as the real directory answers them; this fake's cursor is the next offset.
      const from = Number(url.searchParams.get('after') ?? 0);
      const next = from + limit < data.stations.length ? String(from + limit) : null;
      return { items: data.stations.slice(from, from + limit), next, total: data.stations.length };
    },
    '/stations/': (url) => {
      const station = data.stations.find((s) => url.pathname.endsWith(`/${s.id}`));
      return station && { ...station, history: [] };
    },
    '/visits': (url) => {
      const by = url.searchParams.get('by');
      const rows = by === 'day' ? data.visitsByDay : by === 'occupation' ? data.visitsByOccupation : undefined;
      return rows && { from: url.searchParams.get('from'), to: url.searchParams.get('to'), by, total: rows.reduce((s, r) => s + r.visits, 0), rows };
    },
    '/visits/today': () => ({ day: shanghaiDayAndHour(new Date()).day, total: today.total, byOccupation: [], byHour: [] }),
    '/compliance': () => data.compliance,
    '/coverage': () => data.coverage,
    '/activities/figures': (url) => ({ from: url.searchParams.get('from'), to: url.searchParams.get('to'), by: 'kind', ...CANNED_WORK.activities }),
    '/welfare/figures': (url) => ({ from: url.searchParams.get('from'), to: url.searchParams.get('to'), by: 'kind', ...CANNED_WORK.welfare }),
    '/programmes/figures': (url) => ({ from: url.searchParams.get('from'), to: url.searchParams.get('to'), ...CANNED_WORK.programmes }),
    '/funds/figures': (url) => ({ from: url.searchParams.get('from'), to: url.searchParams.get('to'), ...CANNED_FUNDS.funds }),
    '/legal-aid/figures': (url) => ({ from: url.searchParams.get('from'), to: url.searchParams.get('to'), ...CANNED_FUNDS.legalAid }),
    '/labels': () => CANNED_LABELS,
  };
  for (const path of omit) delete routes[path];
  return routes;
}
