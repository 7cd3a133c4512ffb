import { Kysely, sql } from 'kysely';

/**
 * Released: never edit; add a new timestamped migration instead. A member's short-lived session
 * on the worker pages (card number + SMS code): only a hash of the token is kept.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table member_sessions (
      token_hash text primary key,
      membership_id uuid not null,
      created_at timestamptz not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index member_sessions_membership on member_sessions (membership_id)`.execute(db);
  await sql`create index member_sessions_expiry on member_sessions (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('member_sessions').ifExists().execute();
}
