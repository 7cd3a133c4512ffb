import { Kysely, sql } from 'kysely';
import type { MembershipDatabase } from '../../db/database';

export const MEMBER_GROUPINGS = ['union', 'occupation', 'street', 'month', 'node'] as const;
export type MemberGrouping = (typeof MEMBER_GROUPINGS)[number];

const groupColumn: Record<MemberGrouping, ReturnType<typeof sql.raw>> = {
  union: sql.raw('m.union_id::text'),
  occupation: sql.raw('m.occupation'),
  street: sql.raw(`coalesce(m.street_code, '-')`),
  month: sql.raw(`to_char(m.joined_month, 'YYYY-MM')`),
  node: sql.raw('m.node_code'),
};

export interface MemberFilter {
  unionId?: string;
  nodeCode?: string;
  occupation?: string;
  streetCode?: string;
}

/** Current members (active and suspended) counted by one dimension, from the counts; by union also names the union. */
export async function membersBy(db: Kysely<MembershipDatabase>, by: MemberGrouping, filter: MemberFilter) {
  const { rows } = await sql<{ key: string; members: number; active: number; label: string | null }>`
    select ${groupColumn[by]} as key,
           sum(m.members)::int as members,
           coalesce(sum(m.members) filter (where m.status = 'active'), 0)::int as active,
           ${by === 'union' ? sql`max(u.name)` : sql`null`} as label
    from member_counts m
    ${by === 'union' ? sql`left join unions u on u.union_id = m.union_id` : sql``}
    where m.status in ('active', 'suspended')
      ${filter.unionId ? sql`and m.union_id = ${filter.unionId}::uuid` : sql``}
      ${filter.nodeCode ? sql`and m.node_code = ${filter.nodeCode}` : sql``}
      ${filter.occupation ? sql`and m.occupation = ${filter.occupation}` : sql``}
      ${filter.streetCode ? sql`and m.street_code = ${filter.streetCode}` : sql``}
    group by 1
    order by ${by === 'month' ? sql`1` : sql`2 desc, 1`}`.execute(db);
  return rows;
}

export async function memberTotals(db: Kysely<MembershipDatabase>) {
  const { rows } = await sql<{ status: string; n: number }>`select status, sum(members)::int as n from member_counts group by status`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

export interface MemberListFilter extends MemberFilter {
  status?: string;
  /** Keyset pagination: the last membership id of the previous page. */
  after?: string;
  limit: number;
}

function memberRows(db: Kysely<MembershipDatabase>) {
  return db
    .selectFrom('members as m')
    .leftJoin('unions as u', 'u.union_id', 'm.union_id')
    .select([
      'm.membership_id', 'm.person_id', 'm.union_id', 'u.name as union_name', 'm.node_code', 'u.node_code as union_node',
      'u.street_code as union_street', 'm.card_number', 'm.occupation', 'm.street_code', 'm.status', 'm.activated_at', 'm.erased',
      sql<string>`to_char(m.joined_month, 'YYYY-MM')`.as('joined_month'),
    ]);
}

export async function listMembers(db: Kysely<MembershipDatabase>, filter: MemberListFilter) {
  return memberRows(db)
    .$if(Boolean(filter.unionId), (q) => q.where('m.union_id', '=', filter.unionId!))
    .$if(Boolean(filter.nodeCode), (q) => q.where('m.node_code', '=', filter.nodeCode!))
    .$if(Boolean(filter.occupation), (q) => q.where('m.occupation', '=', filter.occupation!))
    .$if(Boolean(filter.streetCode), (q) => q.where('m.street_code', '=', filter.streetCode!))
    .$if(Boolean(filter.status), (q) => q.where('m.status', '=', filter.status as 'active'))
    .$if(Boolean(filter.after), (q) => q.where('m.membership_id', '>', filter.after!))
    .orderBy('m.membership_id')
    .limit(filter.limit)
    .execute();
}

export type MemberListRow = Awaited<ReturnType<typeof listMembers>>[number];

export async function memberById(db: Kysely<MembershipDatabase>, membershipId: string): Promise<MemberListRow | undefined> {
  return memberRows(db).where('m.membership_id', '=', membershipId).executeTakeFirst();
}
