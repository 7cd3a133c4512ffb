// Every request the page makes, in one place: the paths (all on this origin; the dashboard
// proxies /api/<service>/ to the node's services) and the shapes the page expects back.
// Each reader returns null when the endpoint is missing, failing or answers something it
// cannot read: the section then shows 暂无数据 instead of breaking the page.

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
  directives: '/api/directives/directives',
  figures: {
    membership: '/api/membership/stats',
    wishes: '/api/wishes/stats',
    dispatch: '/api/dispatch/stats',
  },
};

const STATION_PAGE_SIZE = 500;
/** 40 pages of 500: a province's whole directory; beyond that the map shows the first 20 000. */
const STATION_MAX_PAGES = 40;

async function getJson(path, params) {
  const query = params ? `?${new URLSearchParams(params)}` : '';
  try {
    const response = await fetch(`${path}${query}`, { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    return await response.json();
  } catch {
    return null;
  }
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined);
const first = (...values) => values.find((value) => value !== undefined && value !== null);

function listOf(body, ...keys) {
  if (Array.isArray(body)) return body;
  if (!isObject(body)) return undefined;
  for (const key of keys) if (Array.isArray(body[key])) return body[key];
  return undefined;
}

/** { node: {code, name, level}, parent: {code, name, url} | null, children: [{code, name, url}], services: [] } */
export async function fetchNodes() {
  const body = await getJson(PATHS.nodes);
  return isObject(body) && isObject(body.node) ? body : null;
}

/**
 * Station directory: GET stations?page&pageSize (pageSize at most 500) →
 * { total, page, pageSize, items: [{ id, name, kind, tier, status, open24h, stars, lng, lat,
 * district_code, street_code, facilities, … }] }.
 */
export async function fetchAllStations() {
  const items = [];
  let total;
  for (let page = 1; page <= STATION_MAX_PAGES; page += 1) {
    const body = await getJson(PATHS.stations, { page, pageSize: STATION_PAGE_SIZE });
    const rows = listOf(body, 'items', 'rows', 'data', 'stations');
    if (!rows) return page === 1 ? null : { total: total ?? items.length, items, truncated: true };
    total = first(num(body?.total), num(body?.count), total);
    items.push(...rows.map(normalizeStation).filter(Boolean));
    if (rows.length < STATION_PAGE_SIZE || (total !== undefined && items.length >= total)) break;
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
    districtCode: first(raw.districtCode, raw.district_code, null),
    streetCode: first(raw.streetCode, raw.street_code, null),
    address: first(raw.address, ''),
    facilities: Array.isArray(raw.facilities) ? raw.facilities : [],
    compliant: typeof raw.compliant === 'boolean' ? raw.compliant : typeof raw.compliance?.compliant === 'boolean' ? raw.compliance.compliant : null,
    seats: first(num(raw.seats), null),
    host: first(raw.host, null),
  };
}

export async function fetchStation(id) {
  const body = await getJson(PATHS.station(id));
  return normalizeStation(isObject(body?.station) ? body.station : body);
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
  const body = await getJson(PATHS.coverage);
  if (!isObject(body)) return null;
  const workers = first(num(body.totalWorkers), num(body.workers));
  const covered = first(num(body.coveredWorkers), num(body.covered));
  const share = first(num(body.share), num(body.coveredShare), workers ? (covered ?? 0) / workers : undefined);
  const gaps = cellsOf(body.uncoveredHotCells ?? body.gaps, false);
  const cells = cellsOf(body.cells, true);
  if (share === undefined && cells.length === 0 && gaps.length === 0) return null;
  return { share: share ?? null, workers: workers ?? null, covered: covered ?? null, cells: cells.length > 0 ? cells : gaps, gaps };
}

/** GET directives → [{ id, title, target, current, deadline, progress (0..1) }] */
export async function fetchDirectives() {
  const rows = listOf(await getJson(PATHS.directives), 'items', 'rows', 'directives');
  if (!rows || rows.length === 0) return null;
  return rows.filter(isObject).map((row) => {
    const target = num(row.target);
    const current = num(row.current ?? row.achieved);
    return {
      id: String(first(row.id, '')),
      title: String(first(row.title, row.name, row.type, '指令')),
      target: target ?? null,
      current: current ?? null,
      deadline: first(row.deadline, null),
      progress: first(num(row.progress), target ? (current ?? 0) / target : undefined, 0),
    };
  });
}

/**
 * A service's headline figures: { figures: [{ label, value }] }, or any object of named
 * numbers ({ members: 1200, … }), shown as label and value.
 */
export async function fetchFigures(service) {
  const body = await getJson(PATHS.figures[service]);
  const rows = listOf(body, 'figures', 'items');
  if (rows) {
    const figures = rows.filter(isObject).map((row) => ({ label: String(first(row.label, row.name, row.key, '')), value: num(row.value) })).filter((f) => f.value !== undefined);
    return figures.length > 0 ? figures : null;
  }
  if (!isObject(body)) return null;
  const figures = Object.entries(body).filter(([, value]) => num(value) !== undefined).map(([label, value]) => ({ label, value: num(value) }));
  return figures.length > 0 ? figures : null;
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
