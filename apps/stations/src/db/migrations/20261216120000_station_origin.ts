import { Kysely, sql } from 'kysely';

/**
 * The node a station belongs to (the node whose subject registered it): its facts are accepted
 * only from there. Rows registered before this column have it null and are checked by their
 * district instead. Released: never edit; add a new timestamped migration instead.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table station_directory add column origin_node text`.execute(db);
  await sql`update station_directory set origin_node = district_code where district_code <> '_'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table station_directory drop column origin_node`.execute(db);
}
