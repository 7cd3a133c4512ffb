import { Kysely, sql } from 'kysely';

/**
 * Member cards shown at welfare handouts (WelfareHandedOut schema 2): how many per handout in the
 * read model; the cards themselves sealed in the node's vault, one key per handout kept apart, and
 * every opening logged. Released: never edit; add a new timestamped migration instead.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table welfare_handouts add column members_reached int not null default 0 check (members_reached <= people_reached)`.execute(db);
  await sql`create table welfare_member_cards (handout_id uuid primary key, sealed bytea not null, created_at timestamptz not null default now())`.execute(db);
  await sql`create table welfare_member_card_keys (handout_id uuid primary key, wrapped_key bytea not null)`.execute(db);
  await sql`
    create table welfare_member_card_access_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor text not null,
      handout_id uuid not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['welfare_member_card_access_log', 'welfare_member_card_keys', 'welfare_member_cards']) await db.schema.dropTable(table).ifExists().execute();
  await sql`alter table welfare_handouts drop column if exists members_reached`.execute(db);
}
