// Every request the page makes, in one place: the paths (all on this origin; the dashboard
// proxies /api/<service>/ to the node's services) and the shapes the page expects back.
// Each reader returns null when the endpoint is missing, failing or answers something it
// cannot read: the section then shows 暂无数据 instead of breaking the page.
import { first, getJson, isObject, listOf, num } from './api-base.js';

export const PATHS = {
  nodes: '/api/nodes',
  live: '/live',
  geo: '/assets/zhejiang.geo.json',
  stations: '/api/stations/stations',
  station: (id) => `/api/stations/stations/${encodeURIComponent(id)}`,
  visits: '/api/stations/visits',
  visitsToday: '/api/stations/visits/today',
  compliance: '/api/stations/compliance',
  coverage: '/api/stations/coverage',
  directives: '/api/stations/directives',
  activityFigures: '/api/stations/activities/figures',
  welfareFigures: '/api/stations/welfare/figures',
  programmeFigures: '/api/stations/programmes/figures',
  fundFigures: '/api/stations/funds/figures',
  legalAidFigures: '/api/stations/legal-aid/figures',
  receivedDirectives: '/api/stations/directives/received',
  stats: {
    membership: '/api/membership/stats',
    wishes: '/api/wishes/stats',
    dispatch: '/api/dispatch/stats',
  },
  labels: '/live/labels',
  codeLabels: '/api/stations/labels',
};

/** The directory's largest keyset page (KEYSET_PAGE_MAX, libs/contracts). */
const STATION_PAGE_SIZE = 200;
/** 100 pages of 200: a province's whole directory; beyond that the map shows the first 20 000. */
const STATION_MAX_PAGES = 100;

/** { node: {code, name, level}, parent: {code, name, url} | null, children: [{code, name, url}], services: [] } */
export async function fetchNodes() {
  const body = await getJson(PATHS.nodes);
  return isObject(body) && isObject(body.node) ? body : null;
}

/**
 * Station directory: GET stations?limit&after (limit at most 200), keyset pages by name →
 * { items: [{ id, name, kind, tier, status, open24h, stars, lng, lat, districtCode, streetCode,
 * facilities, … }], next (the cursor of the following page, null on the last), total }.
 */
export async function fetchAllStations() {
  const items = [];
  let total;
  let after;
  for (let page = 1; page <= STATION_MAX_PAGES; page += 1) {
    const body = await getJson(PATHS.stations, { limit: STATION_PAGE_SIZE, ...(after ? { after } : {}) });
    const rows = listOf(body, 'items', 'rows', 'data', 'stations');
    if (!rows) return page === 1 ? null : { total: total ?? items.length, items, truncated: true };
    total = first(num(body?.total), num(body?.count), total);
    items.push(...rows.map(normalizeStation).filter(Boolean));
    after = typeof body?.next === 'string' ? body.next : undefined;
    if (after === undefined) break;
  }
  return { total: total ?? items.length, items, truncated: total !== undefined && items.length < total };
}

export function normalizeStation(raw) {
  if (!isObject(raw) || raw.id === undefined) return null;
  const location = isObject(raw.location) ? raw.location : {};
  const coordinates = Array.isArray(location.coordinates) ? location.coordinates : [];
  const hours = isObject(raw.hours) ? raw.hours : {};
  return {
    id: String(raw.id),
    name: String(first(raw.name, raw.id)),
    kind: first(raw.kind, 'station'),
    tier: first(raw.tier, 'unknown'),
    status: first(raw.status, 'active'),
    open24h: Boolean(first(raw.open24h, raw.open_24h, hours.open24h, false)),
    stars: first(num(raw.stars), num(raw.review?.stars), null),
    lng: first(num(raw.lng), num(raw.lon), num(raw.longitude), num(location.lng), num(coordinates[0])),
    lat: first(num(raw.lat), num(raw.latitude), num(location.lat), num(coordinates[1])),
    districtCode: first(raw.districtCode, null),
    streetCode: first(raw.streetCode, null),
    address: first(raw.address, ''),
    facilities: Array.isArray(raw.facilities) ? raw.facilities : [],
    compliant: typeof raw.compliant === 'boolean' ? raw.compliant : typeof raw.compliance?.compliant === 'boolean' ? raw.compliance.compliant : null,
    seats: first(num(raw.seats), null),
    host: first(raw.host, null),
  };
}

/** GET stations/:id → the directory entry plus { history: [{ seq, type, occurredAt }] }, oldest first. */
export async function fetchStation(id) {
  const body = await getJson(PATHS.station(id));
  const station = normalizeStation(isObject(body?.station) ? body.station : body);
  if (!station) return null;
  const history = (Array.isArray(body.history) ? body.history : [])
    .filter(isObject)
    .map((entry) => ({ type: String(first(entry.type, '')), at: first(entry.occurredAt, null) }));
  const seats = num(body.seats);
  const honours = (Array.isArray(body.honours) ? body.honours : []).filter((h) => isObject(h) && typeof h.title === 'string');
  return { ...station, history, seats: seats ?? station.seats, honours };
}

function keyed(rows) {
  if (!Array.isArray(rows)) return undefined;
  return rows
    .filter(isObject)
    .map((row) => ({ key: String(first(row.key, row.day, row.hour, row.occupation, row.code, '')), visits: first(num(row.visits), num(row.count), 0) }));
}

/** GET visits?from&to&by=day|hour|occupation|station|street|district → { rows: [{ key, visits }] } */
export async function fetchVisits(from, to, by) {
  const body = await getJson(PATHS.visits, { from, to, by });
  return keyed(listOf(body, 'rows', 'items')) ?? null;
}

/** GET visits/today → { day, total, byOccupation: [{ key, visits }], byHour: [{ key, visits }] } */
export async function fetchVisitsToday() {
  const body = await getJson(PATHS.visitsToday);
  if (!isObject(body) || num(body.total) === undefined) return null;
  return { day: body.day, total: num(body.total), byOccupation: keyed(body.byOccupation) ?? [], byHour: keyed(body.byHour) ?? [] };
}

/**
 * GET compliance (the node's adopted standard; 422 no_standard_adopted without one) →
 * { standard: 'ba_you', label: '八有', by: 'street' | 'district', total, compliant, share,
 *   rows: [{ key, total, compliant, share, missing: [{ facility, stations }] }] }
 */
export async function fetchCompliance() {
  const body = await getJson(PATHS.compliance);
  if (!isObject(body)) return null;
  const total = first(num(body.total), num(body.stations));
  const compliant = num(body.compliant);
  const rate = first(num(body.share), num(body.rate), total ? (compliant ?? 0) / total : undefined);
  if (rate === undefined) return null;
  const areas = (listOf(body.rows ?? body.byDistrict ?? body.byStreet, 'items', 'rows') ?? []).filter(isObject);
  const missing = new Map();
  const addMissing = (row) => {
    if (!isObject(row)) return;
    const facility = String(first(row.facility, row.key, row.code, ''));
    missing.set(facility, (missing.get(facility) ?? 0) + first(num(row.stations), num(row.count), 0));
  };
  const listed = listOf(body.missing, 'items', 'rows');
  if (listed) listed.forEach(addMissing);
  else for (const area of areas) (Array.isArray(area.missing) ? area.missing : []).forEach(addMissing);
  return {
    standard: isObject(body.standard) ? first(body.standard.label, body.standard.code) : first(body.label, body.standard, null),
    total: total ?? null,
    compliant: compliant ?? null,
    rate,
    missing: [...missing].map(([facility, stations]) => ({ facility, stations })).sort((a, b) => b.stations - a.stations),
    areas: areas.map((row) => ({ key: String(first(row.key, row.code, '')), total: first(num(row.total), 0), compliant: first(num(row.compliant), 0) })),
  };
}

function cellsOf(rows, covered) {
  return (Array.isArray(rows) ? rows : [])
    .filter(isObject)
    .map((cell) => ({
      lng: first(num(cell.lng), num(cell.lon)),
      lat: num(cell.lat),
      workers: first(num(cell.workers), num(cell.count), 0),
      covered: typeof cell.covered === 'boolean' ? cell.covered : covered,
    }))
    .filter((cell) => cell.lng !== undefined && cell.lat !== undefined);
}

/**
 * GET coverage → { reachKm, totalWorkers, coveredWorkers, share, uncoveredHotCells: [{ cell,
 * lat, lng, count, nearestOpenKm? }] }. The heat layer draws `cells` (every worker-density
 * cell: { lat, lng, count, covered }) when the service sends them, else the uncovered hot cells.
 */
export async function fetchCoverage() {
  const body = await getJson(PATHS.coverage, { cells: 'true' });
  if (!isObject(body)) return null;
  const workers = first(num(body.totalWorkers), num(body.workers));
  const covered = first(num(body.coveredWorkers), num(body.covered));
  const share = first(num(body.share), num(body.coveredShare), workers ? (covered ?? 0) / workers : undefined);
  const gaps = cellsOf(body.uncoveredHotCells ?? body.gaps, false);
  const cells = cellsOf(body.cells, true);
  if (share === undefined && cells.length === 0 && gaps.length === 0) return null;
  return { share: share ?? null, workers: workers ?? null, covered: covered ?? null, cells: cells.length > 0 ? cells : gaps, gaps };
}

/** The live counters: EventSource on /live, one whole snapshot per message. */
export function openLive(onSnapshot, onState) {
  const source = new EventSource(PATHS.live);
  source.addEventListener('snapshot', (event) => {
    try {
      onSnapshot(JSON.parse(event.data));
    } catch {
      // a malformed message is skipped; the next snapshot carries everything again
    }
  });
  source.addEventListener('open', () => onState('open'));
  source.addEventListener('error', () => onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  return source;
}

export async function fetchGeo() {
  return getJson(PATHS.geo);
}

/**
 * GET stations labels → { tiers: [{ code, label }], kinds, statuses, occupations, facilities, … },
 * read as { tiers: { street: '街道驿站', … }, … }; null when the service does not answer.
 */
export async function fetchCodeLabels() {
  const body = await getJson(PATHS.codeLabels);
  if (!isObject(body)) return null;
  const named = Object.entries(body)
    .filter(([, pairs]) => Array.isArray(pairs))
    .map(([kind, pairs]) => [kind, Object.fromEntries(pairs.filter(isObject).map((pair) => [String(pair.code), String(pair.label)]))]);
  return Object.fromEntries(named);
}

/** Chinese names of event types ({ StationRegistered: '新驿站登记', … }), for a station's history. */
export async function fetchEventLabels() {
  const body = await getJson(PATHS.labels);
  return isObject(body) ? body : {};
}
