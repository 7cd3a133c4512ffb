import { Kysely, sql } from 'kysely';

/**
 * Released: never edit; add a new timestamped migration instead. The applicant's consent to be
 * told by SMS (PIPL), bound to the mobile it was given with: a new mobile needs a new consent.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table sms_consents (
      person_id uuid primary key,
      mobile_hmac text not null,
      given_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sms_consents').ifExists().execute();
}
