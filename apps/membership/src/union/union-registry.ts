import { Kysely, sql, Transaction } from 'kysely';
import type { MemberOccupation, UnionKind } from '@ws/contracts';
import type { PlaceScope } from '@ws/kernel';
import type { MembershipDatabase, UnionRegistryTable } from '../db/database';

type Executor = Kysely<MembershipDatabase> | Transaction<MembershipDatabase>;

export interface RegisteredUnion extends PlaceScope {
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

/**
 * Active child unions: this node's (the registry) and those of nodes below that name the union
 * as their parent (the unions read model, which sees the subtree's UnionCreated events).
 */
export async function activeChildUnions(db: Executor, unionId: string, ownNode: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select (select count(*) from union_registry where parent_union_id = ${unionId}::uuid and status = 'active')
         + (select count(*) from unions where parent_union_id = ${unionId}::uuid and status = 'active' and node_code <> ${ownNode}) as n`.execute(db);
  return Number(rows[0]!.n);
}

/** Why a union was suggested, best first. */
export const SUGGESTION_MATCHES = ['occupation_and_street', 'occupation', 'street', 'occupation_elsewhere'] as const;
export type SuggestionMatch = (typeof SUGGESTION_MATCHES)[number];

/**
 * The nearest suitable union for an applicant who named none: a joint or industry union that
 * gathers their occupation in their street; else one for the whole node; else their street's
 * union (街道工会); else one gathering the occupation in another street. Oldest first on a tie.
 */
export async function suggestUnion(
  db: Executor,
  occupation: MemberOccupation,
  streetCode: string | null,
): Promise<{ unionId: string; match: SuggestionMatch } | undefined> {
  const { rows } = await sql<{ union_id: string; rank: number }>`
    select union_id,
           case when gathers and street_code = ${streetCode} then 0
                when gathers and street_code is null then 1
                when kind = 'street' and street_code = ${streetCode} then 2
                else 3 end as rank
    from (select union_id, kind, street_code, created_at,
                 kind in ('joint', 'industry') and ${occupation} = any(occupations) as gathers
          from union_registry where status = 'active') u
    where gathers or (kind = 'street' and street_code = ${streetCode})
    order by rank, created_at
    limit 1`.execute(db);
  const row = rows[0];
  return row ? { unionId: row.union_id, match: SUGGESTION_MATCHES[row.rank]! } : undefined;
}
