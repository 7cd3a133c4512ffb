import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  // The expiry sweep looks for postings past their valid-until among those still live.
  await sql`create index posting_board_live_until on posting_board (valid_until) where status in ('open', 'in_review')`.execute(db);
  // Fairs and what they reached: counts only, no one's data.
  await sql`
    create table fair_board (
      fair_id uuid primary key,
      district_code text not null,
      street_code text not null,
      title text not null,
      format text not null,
      station_id text,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      status text not null,
      status_reason text,
      employers integer not null default 0,
      postings integer not null default 0,
      attendance integer not null default 0,
      intentions integer not null default 0,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index fair_board_starts on fair_board (starts_at, fair_id)`.execute(db);
  await sql`
    create table fair_postings (
      fair_id uuid not null,
      posting_id uuid not null,
      employer_id uuid not null,
      category text not null,
      intentions integer not null default 0,
      primary key (fair_id, posting_id)
    )`.execute(db);
  await sql`alter table jobs_figures add column fairs_held integer not null default 0`.execute(db);
  await sql`alter table jobs_figures add column fair_attendance integer not null default 0`.execute(db);
  await sql`alter table jobs_figures add column fair_intentions integer not null default 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table jobs_figures drop column if exists fair_intentions, drop column if exists fair_attendance, drop column if exists fairs_held`.execute(db);
  await sql`drop table if exists fair_postings`.execute(db);
  await sql`drop table if exists fair_board`.execute(db);
  await sql`drop index if exists posting_board_live_until`.execute(db);
}
