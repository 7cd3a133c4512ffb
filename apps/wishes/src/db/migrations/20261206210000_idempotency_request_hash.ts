import { Kysely, sql } from 'kysely';

/**
 * Released: never edit; add a new timestamped migration instead. The fingerprint of the body an
 * Idempotency-Key was first used with: a replay with another body is refused instead of being
 * answered with the first request's result (a wish's author key among it). Null for keys
 * recorded before: those replay as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table idempotency_keys add column request_hash text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table idempotency_keys drop column if exists request_hash`.execute(db);
}
