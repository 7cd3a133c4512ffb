import { Kysely, sql, Transaction } from 'kysely';
import type { MembershipDatabase, MembershipRegistryStatus } from '../db/database';

type Executor = Kysely<MembershipDatabase> | Transaction<MembershipDatabase>;

export const CURRENT_STATUSES: MembershipRegistryStatus[] = ['active', 'suspended'];

export interface RegisteredMembership {
  membershipId: string;
  personId: string;
  unionId: string;
  cardNumber: string;
  status: MembershipRegistryStatus;
  pendingTransferId: string | null;
}

function fromRow(r: {
  membership_id: string;
  person_id: string;
  union_id: string;
  card_number: string;
  status: MembershipRegistryStatus;
  pending_transfer_id: string | null;
}): RegisteredMembership {
  return {
    membershipId: r.membership_id,
    personId: r.person_id,
    unionId: r.union_id,
    cardNumber: r.card_number,
    status: r.status,
    pendingTransferId: r.pending_transfer_id,
  };
}

const COLUMNS = ['membership_id', 'person_id', 'union_id', 'card_number', 'status', 'pending_transfer_id'] as const;

/** The current (active or suspended) membership of each person that has one. */
export async function currentMemberships(db: Executor, personIds: string[]): Promise<Map<string, RegisteredMembership>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('membership_registry')
    .select(COLUMNS)
    .where('person_id', 'in', [...new Set(personIds)])
    .where('status', 'in', CURRENT_STATUSES)
    .execute();
  return new Map(rows.map((r) => [r.person_id, fromRow(r)]));
}

export async function membershipById(db: Executor, membershipId: string): Promise<RegisteredMembership | undefined> {
  const row = await db.selectFrom('membership_registry').select(COLUMNS).where('membership_id', '=', membershipId).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function membershipByCard(db: Executor, cardNumber: string): Promise<RegisteredMembership | undefined> {
  const row = await db.selectFrom('membership_registry').select(COLUMNS).where('card_number', '=', cardNumber).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function currentMembersOfUnion(db: Executor, unionId: string): Promise<RegisteredMembership[]> {
  const rows = await db
    .selectFrom('membership_registry')
    .select(COLUMNS)
    .where('union_id', '=', unionId)
    .where('status', 'in', CURRENT_STATUSES)
    .execute();
  return rows.map(fromRow);
}

export async function countCurrentMembers(db: Executor, unionId: string): Promise<number> {
  const row = await db
    .selectFrom('membership_registry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('union_id', '=', unionId)
    .where('status', 'in', CURRENT_STATUSES)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Registers new current memberships; returns the ids written. A person who meanwhile got another
 * current membership (a concurrent approval) is skipped by the partial unique index, not an error
 * that would abort the whole transaction.
 */
export async function registerMemberships(
  trx: Transaction<MembershipDatabase>,
  rows: Array<{ membershipId: string; personId: string; unionId: string; cardNumber: string }>,
  at: Date,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const { rows: written } = await sql<{ membership_id: string }>`
    insert into membership_registry (membership_id, person_id, union_id, card_number, status, pending_transfer_id, updated_at)
    select m.membership_id, m.person_id, m.union_id, m.card_number, 'active', null, ${at}
    from unnest(${rows.map((r) => r.membershipId)}::uuid[], ${rows.map((r) => r.personId)}::uuid[],
                ${rows.map((r) => r.unionId)}::uuid[], ${rows.map((r) => r.cardNumber)}::text[])
      as m(membership_id, person_id, union_id, card_number)
    on conflict (person_id) where status in ('active', 'suspended') do nothing
    returning membership_id`.execute(trx);
  return new Set(written.map((r) => r.membership_id));
}

export async function updateMembership(
  trx: Transaction<MembershipDatabase>,
  membershipId: string,
  patch: Partial<{ union_id: string; status: MembershipRegistryStatus; pending_transfer_id: string | null }>,
  at: Date,
): Promise<void> {
  await trx.updateTable('membership_registry').set({ ...patch, updated_at: at }).where('membership_id', '=', membershipId).execute();
}

/** Member card numbers: the node's code and a sequence, unique across nodes and kept through transfers. */
export async function nextCardNumbers(trx: Transaction<MembershipDatabase>, nodeCode: string, count: number): Promise<string[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ n: string | number }>`select nextval('member_card_seq') as n from generate_series(1, ${count}::int)`.execute(trx);
  return rows.map((r) => `${nodeCode.toUpperCase()}${String(r.n).padStart(8, '0')}`);
}
