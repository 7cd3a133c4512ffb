import { Kysely, sql } from 'kysely';

/**
 * Released: never edit; add a new timestamped migration instead. The version of a union and of a
 * shop item as the read models last saw them, so the console can edit on the version it read
 * (If-Match). Rows projected before this carry 0 (unknown) until the read model is rebuilt.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table unions add column version integer not null default 0`.execute(db);
  await sql`alter table shop_items add column version integer not null default 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table unions drop column version`.execute(db);
  await sql`alter table shop_items drop column version`.execute(db);
}
