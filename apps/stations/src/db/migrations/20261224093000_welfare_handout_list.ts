import { Kysely, sql } from 'kysely';

/** The handouts listed latest day first (GET /welfare/handouts, keyset on day and id). Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index welfare_handouts_latest on welfare_handouts (handed_on desc, handout_id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists welfare_handouts_latest`.execute(db);
}
