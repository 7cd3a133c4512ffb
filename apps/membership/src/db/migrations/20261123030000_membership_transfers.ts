import { Kysely, sql } from 'kysely';

/**
 * Released: never edit. Cross-node transfers: what a common ancestor remembers of the transfers
 * it routes (the member it must hand to the target once the source has let go).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table routed_transfers (
      transfer_id uuid primary key,
      from_node text not null,
      to_node text not null,
      from_union_id uuid not null,
      to_union_id uuid not null,
      member jsonb not null,
      settled boolean not null default false,
      routed_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('routed_transfers').ifExists().execute();
}
