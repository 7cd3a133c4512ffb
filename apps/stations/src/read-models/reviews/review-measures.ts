import { Kysely, sql } from 'kysely';
import { satisfactionScore, usageScore, type MeasuredYear } from '../../catalogue/stars';
import type { StationsDatabase } from '../../db/database';

/**
 * What a station's year measured for its star review (Asia/Shanghai days): the visits recorded
 * there (check-ins and counts, visits_hourly), the activities held there (activities) and the
 * ratings given that year to the wishes posted there (wish_ratings).
 */
export async function measuredYear(db: Kysely<StationsDatabase>, stationId: string, year: number): Promise<MeasuredYear> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const { rows } = await sql<{ visits: string; activities: string; ratings: string; rating_total: string }>`
    select (select coalesce(sum(visits), 0) from visits_hourly where station_id = ${stationId}::uuid and day between ${from}::date and ${to}::date) as visits,
           (select count(*) from activities where station_id = ${stationId}::uuid and status = 'held' and held_on between ${from}::date and ${to}::date) as activities,
           r.ratings, r.rating_total
    from (select count(*) as ratings, coalesce(sum(rating), 0) as rating_total
          from wish_ratings where station_id = ${stationId}::uuid and rated_on between ${from}::date and ${to}::date) r`.execute(db);
  const row = rows[0]!;
  return { visits: Number(row.visits), activities: Number(row.activities), ratings: Number(row.ratings), ratingTotal: Number(row.rating_total) };
}

/** The measured figures of the review's two measured criteria, each with the score it earns. */
export async function reviewMeasures(db: Kysely<StationsDatabase>, stationId: string, year: number) {
  const { visits, activities, ratings, ratingTotal } = await measuredYear(db, stationId, year);
  return {
    stationId,
    year,
    usage: { visits, activities, score: usageScore({ visits, activities }) },
    satisfaction: {
      ratings,
      // The plain average (1–5, two decimals) the officer reads beside the smoothed score.
      averageRating: ratings > 0 ? Math.round((ratingTotal * 100) / ratings) / 100 : null,
      score: satisfactionScore({ ratings, ratingTotal }),
    },
  };
}
