import { Kysely, sql } from 'kysely';

/** The ratings of wishes posted at the subtree's stations, for the star review's satisfaction score. Released: never edit. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table wish_ratings (
      wish_id uuid primary key,
      station_id uuid not null,
      origin_node text not null,
      rating smallint check (rating between 1 and 5),
      rated_on date
    )`.execute(db);
  await sql`create index wish_ratings_station_rated on wish_ratings (station_id, rated_on) where rating is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wish_ratings').ifExists().execute();
}
