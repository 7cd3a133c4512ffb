import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. Every view of an author's contact. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table contact_access_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor text not null,
      wish_id uuid not null,
      purpose text not null
    )`.execute(db);
  await sql`create index contact_access_log_wish on contact_access_log (wish_id, at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_access_log').ifExists().execute();
}
