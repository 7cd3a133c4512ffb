import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  // Write side: idempotency keys of accepted check-ins (per station), deduplicated in the append
  // transaction. Keys older than the 30-day acceptance window can be pruned.
  await sql`
    create table checkin_keys (
      station_id uuid not null,
      key text not null,
      accepted_at timestamptz not null default now(),
      primary key (station_id, key)
    )`.execute(db);
  await sql`create index checkin_keys_accepted_at on checkin_keys (accepted_at)`.execute(db);

  await sql`
    create table station_directory (
      id uuid primary key,
      district_code text not null,
      name text not null,
      kind text not null,
      tier text not null,
      host text not null,
      street_code text not null,
      community_code text,
      address text not null,
      lng double precision not null,
      lat double precision not null,
      hours jsonb not null,
      open24h boolean not null,
      open_minutes int4multirange not null,
      seats integer,
      contact_phone text,
      manager_id text,
      status text not null,
      status_reason text,
      suspended_until timestamptz,
      facilities text[] not null default '{}',
      services jsonb not null default '[]',
      stars smallint,
      review_year integer,
      honours jsonb not null default '[]',
      upgrade jsonb,
      registered_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null
    )`.execute(db);
  await sql`create index station_directory_place on station_directory (district_code, street_code, community_code)`.execute(db);
  await sql`create index station_directory_tier on station_directory (tier, kind)`.execute(db);
  await sql`create index station_directory_facilities on station_directory using gin (facilities)`.execute(db);
  await sql`create index station_directory_name on station_directory (name)`.execute(db);

  await sql`
    create table station_history (
      station_id uuid not null,
      seq bigint not null,
      type text not null,
      occurred_at timestamptz not null,
      data jsonb not null,
      primary key (station_id, seq)
    )`.execute(db);

  await sql`
    create table visits_hourly (
      station_id uuid not null,
      district_code text not null,
      day date not null,
      hour smallint not null,
      occupation text not null,
      visits integer not null,
      primary key (station_id, day, hour, occupation)
    )`.execute(db);
  await sql`create index visits_hourly_day on visits_hourly (day, district_code)`.execute(db);

  await sql`
    create table adopted_standards (
      node_code text primary key,
      standard text not null,
      adopted_at timestamptz not null
    )`.execute(db);

  // Reference data, not events: a heat map imported from outside (aggregated, coarsened).
  await sql`
    create table worker_cells (
      cell text primary key,
      lat double precision not null,
      lng double precision not null,
      workers integer not null,
      imported_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['worker_cells', 'adopted_standards', 'visits_hourly', 'station_history', 'station_directory', 'checkin_keys']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
