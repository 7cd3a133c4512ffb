import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table application_board (
      application_id uuid primary key,
      posting_id uuid not null,
      seeker_id uuid not null,
      employer_id uuid not null,
      district_code text not null,
      street_code text not null,
      category text not null,
      status text not null,
      note text,
      message text,
      declined_by text,
      agreed_pay_fen integer,
      start_date text,
      seeker_rating smallint,
      employer_rating smallint,
      applied_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index application_board_posting on application_board (posting_id, applied_at, application_id)`.execute(db);
  await sql`create index application_board_seeker on application_board (seeker_id, applied_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists application_board`.execute(db);
}
