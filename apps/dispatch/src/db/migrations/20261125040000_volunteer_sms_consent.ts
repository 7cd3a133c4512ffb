import { Kysely, sql } from 'kysely';

/**
 * Released: never edit; add a new timestamped migration instead. When the volunteer agreed to be
 * told by SMS (invitations, reminders) at the mobile they registered (PIPL consent); null: not.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table volunteer_vault add column sms_consent_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table volunteer_vault drop column if exists sms_consent_at`.execute(db);
}
