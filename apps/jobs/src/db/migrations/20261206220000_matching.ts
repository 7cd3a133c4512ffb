import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  // What 精准推送 matches against: each seeker's wishes and home point (rounded, from the vault row), no name.
  await sql`
    create table seeker_match (
      seeker_id uuid primary key,
      district_code text not null,
      home_street_code text not null,
      lng double precision not null,
      lat double precision not null,
      cell integer not null,
      categories text[] not null,
      skills text[] not null,
      pay_modes text[] not null,
      travel_radius_km real not null,
      availability jsonb not null,
      pushes boolean not null,
      daily_cap integer not null,
      registered_at timestamptz not null
    )`.execute(db);
  await sql`create index seeker_match_cell on seeker_match (cell) where pushes`.execute(db);

  // The jobs inbox: postings pushed to a seeker (notify has no contract for seekers yet).
  await sql`
    create table job_pushes (
      seeker_id uuid not null,
      posting_id uuid not null,
      pushed_on text not null,
      distance_km real not null,
      pushed_at timestamptz not null,
      read_at timestamptz,
      primary key (seeker_id, posting_id)
    )`.execute(db);
  await sql`create index job_pushes_day on job_pushes (seeker_id, pushed_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['job_pushes', 'seeker_match']) await sql`drop table if exists ${sql.table(table)}`.execute(db);
}
