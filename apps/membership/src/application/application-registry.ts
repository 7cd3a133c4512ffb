import { Kysely, sql, Transaction } from 'kysely';
import type { ApplicationRegistryTable, MembershipDatabase } from '../db/database';

type Executor = Kysely<MembershipDatabase> | Transaction<MembershipDatabase>;

/**
 * The write side's table of applications: one in progress per person (partial unique index),
 * the public look-up by application number + mobile HMAC, and what the applicant is told.
 */
export interface PendingApplication {
  applicationId: string;
  applicationNumber: string;
  unionId: string;
}

const PENDING_STATUSES = ['submitted', 'info_requested'] as const;

/** The application in progress of each person that has one. */
export async function pendingApplications(db: Executor, personIds: string[]): Promise<Map<string, PendingApplication>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('application_registry')
    .select(['person_id', 'application_id', 'application_number', 'union_id'])
    .where('person_id', 'in', [...new Set(personIds)])
    .where('status', 'in', PENDING_STATUSES)
    .execute();
  return new Map(rows.map((r) => [r.person_id, { applicationId: r.application_id, applicationNumber: r.application_number, unionId: r.union_id }]));
}

export async function applicationByNumber(db: Executor, applicationNumber: string) {
  return db.selectFrom('application_registry').selectAll().where('application_number', '=', applicationNumber).executeTakeFirst();
}

export interface NewApplication {
  applicationId: string;
  applicationNumber: string;
  personId: string;
  unionId: string;
  mobileHmac: string;
}

/** Registers new applications; returns the ids written (a person with one in progress is skipped, not an error). */
export async function registerApplications(trx: Transaction<MembershipDatabase>, applications: NewApplication[], now: Date): Promise<Set<string>> {
  if (applications.length === 0) return new Set();
  const column = <K extends keyof NewApplication>(key: K) => applications.map((a) => a[key]);
  const { rows } = await sql<{ application_id: string }>`
    insert into application_registry (application_id, application_number, person_id, union_id, mobile_hmac, status, submitted_at, updated_at)
    select a.application_id, a.application_number, a.person_id, a.union_id, a.mobile_hmac, 'submitted', ${now}, ${now}
    from unnest(${column('applicationId')}::uuid[], ${column('applicationNumber')}::text[], ${column('personId')}::uuid[],
                ${column('unionId')}::uuid[], ${column('mobileHmac')}::text[])
      as a(application_id, application_number, person_id, union_id, mobile_hmac)
    on conflict (person_id) where status in ('submitted', 'info_requested') do nothing
    returning application_id`.execute(trx);
  return new Set(rows.map((r) => r.application_id));
}

export type ApplicationPatch = Partial<Pick<ApplicationRegistryTable, 'status' | 'union_id' | 'reason' | 'note' | 'info_fields' | 'mobile_hmac'>>;

/** What the applicant will read on their next look-up, changed with the event that decided it. */
export async function updateApplication(trx: Transaction<MembershipDatabase>, applicationId: string, patch: ApplicationPatch, now: Date): Promise<void> {
  await trx.updateTable('application_registry').set({ ...patch, updated_at: now }).where('application_id', '=', applicationId).execute();
}

/** Approved applications with the member card the applicant may now look up. */
export async function markApproved(
  trx: Transaction<MembershipDatabase>,
  approved: Array<{ applicationId: string; membershipId: string; cardNumber: string }>,
  now: Date,
): Promise<void> {
  if (approved.length === 0) return;
  await sql`
    update application_registry r
    set status = 'approved', membership_id = x.membership_id, card_number = x.card_number, updated_at = ${now}
    from unnest(${approved.map((o) => o.applicationId)}::uuid[], ${approved.map((o) => o.membershipId)}::uuid[],
                ${approved.map((o) => o.cardNumber)}::text[]) as x(application_id, membership_id, card_number)
    where r.application_id = x.application_id`.execute(trx);
}

/** An erased person's applications can no longer be looked up: the mobile HMAC is what matched them. */
export async function forgetApplicant(trx: Transaction<MembershipDatabase>, personId: string): Promise<void> {
  await trx.updateTable('application_registry').set({ mobile_hmac: null }).where('person_id', '=', personId).execute();
}
