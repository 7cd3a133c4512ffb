import { Kysely, sql } from 'kysely';
import { usageScore, type MeasuredUsage } from '../../catalogue/stars';
import type { StationsDatabase } from '../../db/database';

/**
 * What a station's year measured for its star review (Asia/Shanghai days): the visits recorded
 * there (check-ins and counts, visits_hourly) and the activities held there (activities).
 */
export async function measuredUsage(db: Kysely<StationsDatabase>, stationId: string, year: number): Promise<MeasuredUsage> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const { rows } = await sql<{ visits: string; activities: string }>`
    select (select coalesce(sum(visits), 0) from visits_hourly where station_id = ${stationId}::uuid and day between ${from}::date and ${to}::date) as visits,
           (select count(*) from activities where station_id = ${stationId}::uuid and status = 'held' and held_on between ${from}::date and ${to}::date) as activities`.execute(db);
  return { visits: Number(rows[0]!.visits), activities: Number(rows[0]!.activities) };
}

/** The measured figures with the usage score they earn. */
export async function usageOf(db: Kysely<StationsDatabase>, stationId: string, year: number) {
  const measured = await measuredUsage(db, stationId, year);
  return { stationId, year, ...measured, usage: usageScore(measured) };
}
