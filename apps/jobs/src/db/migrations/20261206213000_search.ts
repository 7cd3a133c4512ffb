import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  // Open postings only, with the grid cell of their place: the search near home reads this.
  await sql`
    create table open_postings (
      posting_id uuid primary key,
      employer_id uuid not null,
      employer_kind text not null,
      street_code text not null,
      category text not null,
      pay_mode text not null,
      pay_min_fen integer not null,
      pay_max_fen integer not null,
      pay_unit text not null,
      headcount integer not null,
      hired integer not null,
      title text not null,
      lng double precision not null,
      lat double precision not null,
      cell integer not null,
      fine_cell integer not null,
      valid_until timestamptz not null,
      opened_at timestamptz not null
    )`.execute(db);
  await sql`create index open_postings_cell on open_postings (cell, category, pay_mode)`.execute(db);
  await sql`create index open_postings_fine_cell on open_postings (fine_cell, category, pay_mode)`.execute(db);

  // Stations of the subtree and where they are: a search may start from a station (零工之家 point).
  await sql`
    create table station_points (
      station_id text primary key,
      lng double precision not null,
      lat double precision not null,
      closed boolean not null default false
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['station_points', 'open_postings']) await sql`drop table if exists ${sql.table(table)}`.execute(db);
}
