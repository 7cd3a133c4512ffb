import { Kysely, sql } from 'kysely';

/** Legal aid (公益法律援助): the workers' vault and its access log, and the cases of the subtree. Released: never edit. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table legal_aid_vault (worker_ref uuid primary key, sealed bytea not null, created_at timestamptz not null default now())`.execute(db);
  await sql`create table legal_aid_keys (worker_ref uuid primary key, wrapped_key bytea not null)`.execute(db);
  await sql`
    create table legal_aid_access_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor text not null,
      case_id uuid not null,
      purpose text not null
    )`.execute(db);
  await sql`
    create table legal_cases (
      case_id uuid primary key,
      district_code text not null,
      kind text not null,
      station_id uuid,
      street_code text not null,
      occupation text not null,
      worker_ref uuid not null,
      state text not null,
      received_on date not null,
      settled_on date,
      referred_to text,
      closed_on date,
      outcome text,
      recovered_fen bigint not null default 0
    )`.execute(db);
  await sql`create index legal_cases_received on legal_cases (received_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['legal_cases', 'legal_aid_access_log', 'legal_aid_keys', 'legal_aid_vault']) await db.schema.dropTable(table).ifExists().execute();
}
