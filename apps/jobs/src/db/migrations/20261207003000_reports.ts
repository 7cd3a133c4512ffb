import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  // Each abuse report of a posting as the reviewers read it: its kind and note, nobody named.
  await sql`
    create table posting_reports (
      posting_id uuid not null,
      seq integer not null,
      kind text not null,
      note text,
      reported_at timestamptz not null,
      primary key (posting_id, seq)
    )`.execute(db);
  // The reviewers' queue of reported postings.
  await sql`create index posting_board_reported on posting_board (drafted_at, posting_id) where reports > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists posting_board_reported`.execute(db);
  await sql`drop table if exists posting_reports`.execute(db);
}
