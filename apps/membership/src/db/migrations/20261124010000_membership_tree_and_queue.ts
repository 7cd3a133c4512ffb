import { Kysely, sql } from 'kysely';

/**
 * Released: never edit. The union tree across nodes (a union's parent may belong to an ancestor
 * node: UnionCreated schema 2 names it), and what the applications queue shows beyond the
 * status: the station where the worker applied, the employer or platform, and whether the
 * person's data was erased (已注销, also at the parent nodes). Rebuild the two read models to
 * fill the new columns for earlier events.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table unions add column parent_node_code text`.execute(db);
  await sql`create index unions_parent on unions (parent_union_id) where status = 'active'`.execute(db);
  await sql`alter table application_queue add column station_id uuid, add column employer text, add column erased boolean not null default false`.execute(db);
  await sql`create index application_queue_person on application_queue (person_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists application_queue_person`.execute(db);
  await sql`alter table application_queue drop column if exists erased, drop column if exists employer, drop column if exists station_id`.execute(db);
  await sql`drop index if exists unions_parent`.execute(db);
  await sql`alter table unions drop column if exists parent_node_code`.execute(db);
}
