import { Kysely, sql } from 'kysely';

/**
 * The station's public notice (公示) and class (旗舰型/标准型) in the directory, and the vault of
 * the managers' names the notices refer to. Released: never edit; add a new timestamped migration instead.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table station_directory add column station_class text, add column notice jsonb`.execute(db);
  await sql`
    create table station_notice_names (
      ref uuid primary key,
      station_id uuid not null,
      name text not null,
      recorded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index station_notice_names_station on station_notice_names (station_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('station_notice_names').ifExists().execute();
  await sql`alter table station_directory drop column if exists station_class, drop column if exists notice`.execute(db);
}
