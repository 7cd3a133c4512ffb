import { noticeView, shortNotice } from './station-notice';
import { Kysely, sql } from 'kysely';
import { minuteOfWeekInShanghai } from '@ws/contracts';
import { isUuid } from '@ws/kernel';
import { decodeCursor, DEFAULT_PAGE_SIZE, page } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import type { FacilityStandard } from '../../catalogue/standards';

export interface DirectoryFilter {
  tier?: string;
  kind?: string;
  stationClass?: string;
  facilities?: string[];
  openAt?: Date;
  open24h?: boolean;
  streetCode?: string;
  communityCode?: string;
  districtCode?: string;
  status?: string;
  minStars?: number;
  compliantWith?: { standard: FacilityStandard; compliant: boolean };
  q?: string;
}

/** SQL for "meets the standard": every required facility, and enough extras (+X) counting services. */
export function compliantSql(standard: FacilityStandard) {
  const required = [...standard.required];
  return sql<boolean>`(facilities @> ${required}::text[] and
    (cardinality(array(select unnest(facilities) except select unnest(${required}::text[])))
      + jsonb_array_length(services)) >= ${standard.specials})`;
}

/**
 * The stations of the filter in keyset pages by name (then id), each with its short public notice
 * (class, hotline, hours), and `total`: how many stations
 * the same filter matches over all pages, for a table that says 共 N 个 (counted alongside the page,
 * so it may differ from the pages walked while stations are being registered).
 */
export async function searchDirectory(db: Kysely<StationsDatabase>, filter: DirectoryFilter, query: { limit?: number; after?: string }) {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = decodeCursor(query.after, isUuid, (name) => name.length > 0);
  let matching = db.selectFrom('station_directory');
  if (filter.tier) matching = matching.where('tier', '=', filter.tier);
  if (filter.kind) matching = matching.where('kind', '=', filter.kind);
  if (filter.stationClass) matching = matching.where('station_class', '=', filter.stationClass);
  if (filter.status) matching = matching.where('status', '=', filter.status as 'active');
  if (filter.streetCode) matching = matching.where('street_code', '=', filter.streetCode);
  if (filter.communityCode) matching = matching.where('community_code', '=', filter.communityCode);
  if (filter.districtCode) matching = matching.where('district_code', '=', filter.districtCode);
  if (filter.open24h !== undefined) matching = matching.where('open24h', '=', filter.open24h);
  if (filter.minStars !== undefined) matching = matching.where('stars', '>=', filter.minStars);
  if (filter.facilities?.length) matching = matching.where(sql<boolean>`facilities @> ${filter.facilities}::text[]`);
  if (filter.q) matching = matching.where('name', 'ilike', `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.openAt) {
    const minute = minuteOfWeekInShanghai(filter.openAt);
    matching = matching.where('status', '=', 'active').where(sql<boolean>`open_minutes @> ${minute}::int`);
  }
  if (filter.compliantWith) {
    const condition = compliantSql(filter.compliantWith.standard);
    matching = matching.where(filter.compliantWith.compliant ? condition : sql<boolean>`not ${condition}`);
  }
  const [rows, total] = await Promise.all([
    matching
      .select([
        'id', 'name', 'kind', 'tier', 'host', 'district_code as districtCode', 'street_code as streetCode', 'community_code as communityCode', 'address', 'lng', 'lat',
        'hours', 'open24h', 'seats', 'contact_phone as contactPhone', 'status', 'suspended_until as suspendedUntil', 'facilities', 'services', 'stars', 'honours',
        'station_class as stationClass', 'version', 'notice',
      ])
      .$if(after !== null, (q) => q.where(sql<boolean>`(name, id) > (${after!.at}, ${after!.id}::uuid)`))
      .orderBy('name')
      .orderBy('id')
      .limit(limit + 1)
      .execute(),
    matching.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow(),
  ]);
  const { items, next } = page(rows, limit, (row) => ({ at: row.name, id: row.id }));
  // Each station with its short notice (class, hotline, hours); the whole notice is the station's detail.
  const listed = items.map((row) => ({ ...row, notice: shortNotice({ notice: row.notice, station_class: row.stationClass, contact_phone: row.contactPhone }) }));
  return { items: listed, next, total: Number(total.count) };
}

/** A station as the directory answers it (camelCase, like every answer): its row, its public notice and its history. */
export async function stationDetail(db: Kysely<StationsDatabase>, id: string) {
  const station = await db.selectFrom('station_directory').selectAll().where('id', '=', id).executeTakeFirst();
  if (!station) return undefined;
  const history = await db
    .selectFrom('station_history')
    .select(['seq', 'type', 'occurred_at as occurredAt', 'data'])
    .where('station_id', '=', id)
    .orderBy('seq')
    .execute();
  return {
    id: station.id,
    districtCode: station.district_code,
    originNode: station.origin_node,
    name: station.name,
    kind: station.kind,
    tier: station.tier,
    host: station.host,
    streetCode: station.street_code,
    communityCode: station.community_code,
    address: station.address,
    lng: station.lng,
    lat: station.lat,
    hours: station.hours,
    open24h: station.open24h,
    seats: station.seats,
    contactPhone: station.contact_phone,
    managerId: station.manager_id,
    status: station.status,
    statusReason: station.status_reason,
    suspendedUntil: station.suspended_until,
    facilities: station.facilities,
    services: station.services,
    stars: station.stars,
    reviewYear: station.review_year,
    honours: station.honours,
    upgrade: station.upgrade,
    stationClass: station.station_class,
    registeredAt: station.registered_at,
    updatedAt: station.updated_at,
    version: station.version,
    notice: await noticeView(db, station),
    history,
  };
}

/** The standard adopted by this node or, failing that, by its nearest ancestor. */
export async function adoptedStandard(db: Kysely<StationsDatabase>, nodeCode: string): Promise<string | undefined> {
  const ancestors = [nodeCode.slice(0, 2), nodeCode.slice(0, 4), nodeCode].filter((c, i, all) => c.length >= 2 && all.indexOf(c) === i);
  const rows = await db.selectFrom('adopted_standards').select(['node_code', 'standard']).where('node_code', 'in', ancestors).execute();
  return rows.sort((a, b) => b.node_code.length - a.node_code.length)[0]?.standard;
}
