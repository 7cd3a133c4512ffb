import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table jobs_vault (
      ref uuid primary key,
      owner_kind text not null,
      owner_id uuid not null,
      mobile_hmac text,
      sealed bytea not null,
      home_lng double precision,
      home_lat double precision,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index jobs_vault_mobile on jobs_vault (owner_kind, mobile_hmac) where mobile_hmac is not null`.execute(db);
  await sql`create index jobs_vault_owner on jobs_vault (owner_id)`.execute(db);
  await sql`create table jobs_keys (owner_id uuid primary key, wrapped_key bytea not null)`.execute(db);

  await sql`
    create table employer_board (
      employer_id uuid primary key,
      district_code text not null,
      street_code text not null,
      kind text not null,
      status text not null,
      registered_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index employer_board_review on employer_board (status, street_code, registered_at, employer_id)`.execute(db);

  await sql`
    create table posting_board (
      posting_id uuid primary key,
      employer_id uuid not null,
      employer_kind text not null,
      district_code text not null,
      street_code text not null,
      category text not null,
      pay_mode text not null,
      pay_min_fen integer not null,
      pay_max_fen integer not null,
      pay_unit text not null,
      headcount integer not null,
      hired integer not null default 0,
      title text not null,
      description text not null,
      requirements text not null,
      skills text[] not null,
      schedule jsonb not null,
      lng double precision not null,
      lat double precision not null,
      valid_until timestamptz not null,
      status text not null,
      status_reason text,
      reports integer not null default 0,
      drafted_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index posting_board_status on posting_board (status, street_code, drafted_at, posting_id)`.execute(db);
  await sql`create index posting_board_employer on posting_board (employer_id, drafted_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['posting_board', 'employer_board', 'jobs_keys', 'jobs_vault']) await sql`drop table if exists ${sql.table(table)}`.execute(db);
}
