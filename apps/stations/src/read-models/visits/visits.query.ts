import { Kysely, sql } from 'kysely';
import type { StationsDatabase } from '../../db/database';

export const VISIT_GROUPINGS = ['day', 'hour', 'occupation', 'station', 'street', 'district'] as const;
export type VisitGrouping = (typeof VISIT_GROUPINGS)[number];

export interface VisitFilter {
  from: string;
  to: string;
  stationId?: string;
  streetCode?: string;
  districtCode?: string;
}

const groupColumn: Record<VisitGrouping, ReturnType<typeof sql.raw>> = {
  day: sql.raw(`to_char(v.day, 'YYYY-MM-DD')`),
  hour: sql.raw('v.hour::text'),
  occupation: sql.raw('v.occupation'),
  station: sql.raw('v.station_id::text'),
  street: sql.raw(`coalesce(s.street_code, '?')`),
  district: sql.raw('v.district_code'),
};

/** Visits summed by one dimension over a date range (Asia/Shanghai dates), largest key order. */
export async function visitsBy(db: Kysely<StationsDatabase>, by: VisitGrouping, filter: VisitFilter) {
  const key = groupColumn[by];
  const { rows } = await sql<{ key: string; visits: string }>`
    select ${key} as key, sum(v.visits)::bigint as visits
    from visits_hourly v
    left join station_directory s on s.id = v.station_id
    where v.day between ${filter.from}::date and ${filter.to}::date
      ${filter.stationId ? sql`and v.station_id = ${filter.stationId}::uuid` : sql``}
      ${filter.streetCode ? sql`and s.street_code = ${filter.streetCode}` : sql``}
      ${filter.districtCode ? sql`and v.district_code = ${filter.districtCode}` : sql``}
    group by 1
    order by ${by === 'station' || by === 'street' || by === 'district' ? sql`2 desc` : sql`1`}`.execute(db);
  return rows.map((r) => ({ key: r.key, visits: Number(r.visits) }));
}

export async function visitsTotal(db: Kysely<StationsDatabase>, filter: VisitFilter): Promise<number> {
  const row = await db
    .selectFrom('visits_hourly')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('visits'), sql<string>`0`).as('total'))
    .where('day', '>=', filter.from)
    .where('day', '<=', filter.to)
    .$if(Boolean(filter.stationId), (qb) => qb.where('station_id', '=', filter.stationId!))
    .$if(Boolean(filter.districtCode), (qb) => qb.where('district_code', '=', filter.districtCode!))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
