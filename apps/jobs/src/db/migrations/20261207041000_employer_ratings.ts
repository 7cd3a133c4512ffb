import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. An employer's average stars, read on every posting page. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index application_board_employer_rated on application_board (employer_id) where seeker_rating is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists application_board_employer_rated`.execute(db);
}
