import { Kysely, sql } from 'kysely';

/**
 * Released: never edit. Handing a transferred member's personal data to the target node:
 * the target's per-transfer key pair (private key wrapped by the master key, deleted once the
 * data has arrived) and, at the source, the public key to seal the data to.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table handover_keys (
      transfer_id uuid primary key,
      from_node text not null,
      person_id uuid not null,
      private_key bytea,
      ready boolean not null default false,
      received_at timestamptz,
      attempts integer not null default 0,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index handover_keys_waiting on handover_keys (created_at) where ready and received_at is null`.execute(db);
  await sql`
    create table handover_offers (
      transfer_id uuid primary key,
      person_id uuid not null,
      to_node text not null,
      public_key text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('handover_offers').ifExists().execute();
  await db.schema.dropTable('handover_keys').ifExists().execute();
}
