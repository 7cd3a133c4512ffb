import { sql, Transaction } from 'kysely';
import type { MembershipDatabase } from '../db/database';

/**
 * Each application records the applicant's latest choice about SMS (PIPL consent, bound to the
 * mobile it was given with): given, it is kept with its time; refused, an earlier one goes.
 */
export async function recordSmsConsents(trx: Transaction<MembershipDatabase>, choices: Array<{ personId: string; mobileHmac: string; given: boolean }>, now: Date): Promise<void> {
  const given = choices.filter((c) => c.given);
  const refused = choices.filter((c) => !c.given).map((c) => c.personId);
  if (refused.length > 0) await trx.deleteFrom('sms_consents').where('person_id', 'in', refused).execute();
  if (given.length === 0) return;
  await trx
    .insertInto('sms_consents')
    .values(given.map((c) => ({ person_id: c.personId, mobile_hmac: c.mobileHmac, given_at: now })))
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ mobile_hmac: sql`excluded.mobile_hmac`, given_at: sql`excluded.given_at` }))
    .execute();
}
