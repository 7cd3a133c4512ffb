import { Kysely, sql } from 'kysely';

/**
 * Released: never edit; add a new timestamped migration instead. When the author agreed to be
 * told the wish's progress by SMS at the contact they left (PIPL consent); null: not agreed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_vault add column sms_consent_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_vault drop column if exists sms_consent_at`.execute(db);
}
