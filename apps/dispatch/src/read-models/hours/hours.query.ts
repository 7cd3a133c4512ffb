import { Kysely, sql } from 'kysely';
import type { DispatchDatabase } from '../../db/database';

export const HOURS_GROUPINGS = ['volunteer', 'station', 'month', 'street', 'kind'] as const;
export type HoursGrouping = (typeof HOURS_GROUPINGS)[number];

export interface HoursFilter {
  /** YYYY-MM, inclusive. */
  fromMonth: string;
  toMonth: string;
  volunteerId?: string;
  stationId?: string;
  streetCode?: string;
}

const groupColumn: Record<HoursGrouping, ReturnType<typeof sql.raw>> = {
  volunteer: sql.raw('volunteer_id::text'),
  station: sql.raw(`coalesce(station_id, '-')`),
  month: sql.raw('month'),
  street: sql.raw('street_code'),
  kind: sql.raw('kind'),
};

/** Hours served, summed by one dimension; `station` '-' collects tasks done away from a station. */
export async function hoursBy(db: Kysely<DispatchDatabase>, by: HoursGrouping, filter: HoursFilter) {
  const { rows } = await sql<{ key: string; hours: number; facts: number }>`
    select ${groupColumn[by]} as key, sum(hours)::float8 as hours, count(*)::int as facts
    from service_hours
    where month between ${filter.fromMonth} and ${filter.toMonth}
      ${filter.volunteerId ? sql`and volunteer_id = ${filter.volunteerId}::uuid` : sql``}
      ${filter.stationId ? sql`and station_id = ${filter.stationId}` : sql``}
      ${filter.streetCode ? sql`and street_code = ${filter.streetCode}` : sql``}
    group by 1
    order by ${by === 'month' ? sql`1` : sql`2 desc, 1`}`.execute(db);
  return rows.map((r) => ({ key: r.key, hours: Number(r.hours), facts: r.facts }));
}
