import { Kysely, sql, Transaction } from 'kysely';
import type { MemberOccupation, UnionKind } from '@ws/contracts';
import type { MembershipDatabase, UnionRegistryTable } from '../db/database';
import type { UnionScope } from '../personal-data/disclosure';

type Executor = Kysely<MembershipDatabase> | Transaction<MembershipDatabase>;

export interface RegisteredUnion extends UnionScope {
  unionId: string;
  parentUnionId: string | null;
  status: UnionRegistryTable['status'];
}

/** The write side's own list of unions: what a command handler checks a union id against. */
export async function registeredUnions(db: Executor, unionIds: string[]): Promise<Map<string, RegisteredUnion>> {
  const ids = [...new Set(unionIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('union_registry').selectAll().where('union_id', 'in', ids).execute();
  return new Map(
    rows.map((r) => [r.union_id, { unionId: r.union_id, parentUnionId: r.parent_union_id, nodeCode: r.node_code, streetCode: r.street_code, status: r.status }]),
  );
}

export async function registerUnion(
  trx: Transaction<MembershipDatabase>,
  union: { unionId: string; parentUnionId: string | null; nodeCode: string; streetCode: string | null; kind: UnionKind; occupations: MemberOccupation[] },
): Promise<void> {
  await trx
    .insertInto('union_registry')
    .values({
      union_id: union.unionId,
      parent_union_id: union.parentUnionId,
      node_code: union.nodeCode,
      street_code: union.streetCode,
      kind: union.kind,
      occupations: union.occupations,
      status: 'active',
    })
    .execute();
}

export async function setUnionStatus(trx: Transaction<MembershipDatabase>, unionId: string, status: UnionRegistryTable['status']): Promise<void> {
  await trx.updateTable('union_registry').set({ status }).where('union_id', '=', unionId).execute();
}

export async function activeChildUnions(db: Executor, unionId: string): Promise<number> {
  const row = await db
    .selectFrom('union_registry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_union_id', '=', unionId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The union to suggest to an applicant who named none: an active joint union gathering their
 * occupation, in their street if there is one, else the node's oldest such union.
 */
export async function suggestUnion(db: Executor, occupation: MemberOccupation, streetCode: string | null): Promise<string | undefined> {
  const row = await db
    .selectFrom('union_registry')
    .select('union_id')
    .where('status', '=', 'active')
    .where('kind', '=', 'joint')
    .where(sql<boolean>`${occupation} = any(occupations)`)
    .orderBy(sql`street_code is not distinct from ${streetCode}`, 'desc')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.union_id;
}
