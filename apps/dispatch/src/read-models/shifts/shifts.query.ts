import { Kysely, sql } from 'kysely';
import { isUuid } from '@ws/kernel';
import { decodeCursor, DEFAULT_PAGE_SIZE, exactTimeText, page } from '@ws/platform';
import type { DispatchDatabase } from '../../db/database';

export interface RotaFilter {
  /** YYYY-MM-DD (Asia/Shanghai), inclusive. */
  from: string;
  to: string;
  stationId?: string;
  streetCode?: string;
  volunteerId?: string;
}

const dayStart = (column: string) => sql.raw(`(${column}::timestamp at time zone 'Asia/Shanghai')`);

/**
 * The shifts of the filter in keyset pages, by start time (to the microsecond) and shift id; a
 * `after` cursor the list did not make is a 400 at `after`.
 */
export async function rota(db: Kysely<DispatchDatabase>, filter: RotaFilter, query: { limit?: number; after?: string }) {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = decodeCursor(query.after, isUuid);
  const { rows } = await sql<{
    shift_id: string;
    station_id: string;
    street_code: string;
    volunteer_id: string;
    starts_at: Date;
    ends_at: Date;
    status: string;
    hours: number | null;
    swapped_from: string | null;
    cursor_at: string;
  }>`
    select shift_id, station_id, street_code, volunteer_id, starts_at, ends_at, status, hours, swapped_from, ${exactTimeText('starts_at')} as cursor_at
    from shift_rota
    where starts_at < (${filter.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'
      and ends_at > ${filter.from}::date::timestamp at time zone 'Asia/Shanghai'
      ${filter.stationId ? sql`and station_id = ${filter.stationId}` : sql``}
      ${filter.streetCode ? sql`and street_code = ${filter.streetCode}` : sql``}
      ${filter.volunteerId ? sql`and volunteer_id = ${filter.volunteerId}::uuid` : sql``}
      ${after ? sql`and (starts_at, shift_id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
    order by starts_at, shift_id
    limit ${limit + 1}`.execute(db);
  const result = page(rows, limit, (r) => ({ at: r.cursor_at, id: r.shift_id }));
  return {
    items: result.items.map((r) => ({
      shiftId: r.shift_id,
      stationId: r.station_id,
      streetCode: r.street_code,
      volunteerId: r.volunteer_id,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      status: r.status,
      hours: r.hours === null ? null : Number(r.hours),
      swappedFrom: r.swapped_from,
    })),
    next: result.next,
  };
}

/**
 * Shift coverage per station and day (Asia/Shanghai): how many hours of the day some volunteer
 * is on duty (overlapping shifts counted once), against the hours scheduled in total.
 */
export async function coverage(db: Kysely<DispatchDatabase>, filter: Omit<RotaFilter, 'volunteerId'>) {
  const { rows } = await sql<{ station_id: string; day: string; shifts: number; volunteers: number; scheduled_hours: number; covered_hours: number; served_shifts: number }>`
    with days as (
      select d::date as day from generate_series(${filter.from}::date, ${filter.to}::date, interval '1 day') d
    ), spans as (
      select r.station_id, days.day, r.volunteer_id, r.status,
        tstzrange(greatest(r.starts_at, ${dayStart('days.day')}), least(r.ends_at, ${dayStart('(days.day + 1)')})) as span
      from shift_rota r
      join days on r.starts_at < ${dayStart('(days.day + 1)')} and r.ends_at > ${dayStart('days.day')}
      where true
        ${filter.stationId ? sql`and r.station_id = ${filter.stationId}` : sql``}
        ${filter.streetCode ? sql`and r.street_code = ${filter.streetCode}` : sql``}
    )
    select station_id, to_char(day, 'YYYY-MM-DD') as day,
      count(*)::int as shifts,
      count(distinct volunteer_id)::int as volunteers,
      (sum(extract(epoch from upper(span) - lower(span))) / 3600)::float8 as scheduled_hours,
      ((select coalesce(sum(extract(epoch from upper(r) - lower(r))), 0) from unnest(range_agg(span)) r) / 3600)::float8 as covered_hours,
      count(*) filter (where status = 'served')::int as served_shifts
    from spans
    group by station_id, day
    order by day, station_id`.execute(db);
  return rows.map((r) => ({
    stationId: r.station_id,
    day: r.day,
    shifts: r.shifts,
    volunteers: r.volunteers,
    scheduledHours: Number(r.scheduled_hours),
    coveredHours: Number(r.covered_hours),
    coverage: Number(r.covered_hours) / 24,
    servedShifts: r.served_shifts,
  }));
}
