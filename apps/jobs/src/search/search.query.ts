import { Kysely, sql, type Selectable } from 'kysely';
import type { GeoPoint, JobCategory, PayMode } from '@ws/contracts';
import { isUuid } from '@ws/kernel';
import { decodeCursor, page, type Cursor } from '@ws/platform';
import type { JobsDatabase, OpenPostingsTable } from '../db/database';
import { cellsAround, FINE_CELL_DEG, FINE_GRID_MAX_KM } from './grid';
import { navigationLinks } from './navigation';

export interface PostingSearch {
  origin: GeoPoint;
  radiusKm: number;
  /** Any of these (all when empty). */
  categories: readonly JobCategory[];
  payModes: readonly PayMode[];
  limit: number;
  after: string | undefined;
  now: Date;
}

/** The keyset cursor of a search: the last posting's distance (its `at`, as a number's text) and id. */
interface DistanceCursor {
  km: number;
  id: string;
}

const isDistance = (at: string) => at !== '' && Number.isFinite(Number(at));

/** An open posting as the search reads it, with its distance from the origin. */
type Row = Omit<Selectable<OpenPostingsTable>, 'employer_id' | 'cell' | 'fine_cell' | 'opened_at'> & { km: number };

/**
 * Open postings nearest first within `radiusKm` of the origin: the grid cells around it by the
 * btree index, then the exact (haversine) distance; a suspended employer's postings are left
 * out. Keyset pages by (distance, id).
 */
export async function searchOpenPostings(db: Kysely<JobsDatabase>, search: PostingSearch) {
  const { radiusKm, limit } = search;
  const cursor = decodeCursor(search.after, isUuid, isDistance);
  const after: DistanceCursor | null = cursor ? { km: Number(cursor.at), id: cursor.id } : null;
  // Rings outward: where work is dense the page is full within a few km, and the wider rings
  // (thousands of rows to measure and sort) are never read. Rows within r are exactly the nearest
  // ones once more than a page lies within r.
  let rows: Row[] = [];
  for (let ring = Math.min(radiusKm, (after?.km ?? 0) + FIRST_RING_KM); ; ring = Math.min(radiusKm, ring * 2)) {
    rows = await nearestWithin(db, search, ring, after);
    if (rows.length > limit || ring >= radiusKm) break;
  }
  const { items, next } = page(rows, limit, (row): Cursor => ({ at: String(row.km), id: row.posting_id }));
  return { items: items.map(resultView), next };
}

/** The first ring searched: about a quarter of an hour on foot. */
const FIRST_RING_KM = 1.5;

async function nearestWithin(db: Kysely<JobsDatabase>, search: PostingSearch, radiusKm: number, after: DistanceCursor | null): Promise<Row[]> {
  const { origin, categories, payModes, limit, now } = search;
  const fine = radiusKm <= FINE_GRID_MAX_KM;
  const cells = fine ? cellsAround(origin, radiusKm, FINE_CELL_DEG) : cellsAround(origin, radiusKm);
  const conditions = [fine ? sql`o.fine_cell = any(${sql.val(cells)}::int[])` : sql`o.cell = any(${sql.val(cells)}::int[])`, sql`o.valid_until > ${now}`];
  if (categories.length > 0) conditions.push(sql`o.category = any(${sql.val(categories)}::text[])`);
  if (payModes.length > 0) conditions.push(sql`o.pay_mode = any(${sql.val(payModes)}::text[])`);
  const afterLast = after ? sql`and (c.km > ${after.km} or (c.km = ${after.km} and c.posting_id > ${after.id}::uuid))` : sql``;
  const { rows } = await sql<Row>`
    with c as (
      select o.*, 2 * 6371 * asin(least(1, sqrt(
        power(sin(radians(o.lat - ${origin.lat}) / 2), 2)
        + cos(radians(${origin.lat}::float8)) * cos(radians(o.lat)) * power(sin(radians(o.lng - ${origin.lng}) / 2), 2)))) as km
      from open_postings o
      where ${sql.join(conditions, sql` and `)}
    )
    select c.* from c
    where c.km <= ${radiusKm} ${afterLast}
      and not exists (select 1 from employer_board e where e.employer_id = c.employer_id and e.status = 'suspended')
    order by c.km, c.posting_id
    limit ${limit + 1}`.execute(db);
  return rows;
}

function resultView(r: Row) {
  const location = { lng: r.lng, lat: r.lat };
  return {
    postingId: r.posting_id,
    title: r.title,
    category: r.category,
    payMode: r.pay_mode,
    pay: { minFen: r.pay_min_fen, maxFen: r.pay_max_fen, unit: r.pay_unit },
    headcount: r.headcount,
    hired: r.hired,
    employerKind: r.employer_kind,
    streetCode: r.street_code,
    validUntil: new Date(r.valid_until).toISOString(),
    distanceKm: Math.round(r.km * 10) / 10,
    location,
    navigation: navigationLinks(location, r.title),
  };
}
