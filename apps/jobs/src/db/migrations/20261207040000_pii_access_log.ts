import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. Every read of a person's contact by another service. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table pii_access_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor text not null,
      owner_kind text not null,
      owner_id uuid not null,
      purpose text not null
    )`.execute(db);
  await sql`create index pii_access_log_owner on pii_access_log (owner_id, at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pii_access_log').ifExists().execute();
}
