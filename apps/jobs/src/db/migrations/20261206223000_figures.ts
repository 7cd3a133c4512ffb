import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  // Counts only (no id of anyone): what the node's subtree did, per district, category and day.
  await sql`
    create table jobs_figures (
      district_code text not null,
      category text not null,
      day text not null,
      postings_published integer not null default 0,
      seekers_registered integer not null default 0,
      applications integer not null default 0,
      hires integer not null default 0,
      primary key (district_code, category, day)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists jobs_figures`.execute(db);
}
