import { Kysely, sql } from 'kysely';
import { divisionName, MEMBER_OCCUPATION_LABELS, type MemberOccupation } from '@ws/contracts';
import type { MembershipDatabase } from '../../db/database';
import { beijingMonth } from '../batch-fold';

/** One figure as the dashboard reads it: a stable key, a zh-CN label, a number. */
export interface Figure {
  key: string;
  label: string;
  value: number;
}

export const FIGURE_LABELS = {
  members: '会员总数',
  joinedThisMonth: '本月新入会',
  pendingApplications: '待审批申请',
  unions: '工会组织',
  jointUnions: '联合工会',
  transfersInFlight: '转会办理中',
  pointsBalance: '积分余额合计',
} as const;

const MONTHS_SHOWN = 12;
const UNIONS_SHOWN = 20;

/**
 * The membership figures of a subtree: every read model holds the node's whole subtree, and a
 * node code nests by prefix, so `nodePrefix` (this node, or one below it) selects a subtree.
 * Members are the current ones (active and suspended); "this month" is the Beijing month.
 */
export async function membershipFigures(db: Kysely<MembershipDatabase>, nodePrefix: string, now: Date): Promise<Figure[]> {
  const like = `${nodePrefix}%`;
  const monthStart = `${beijingMonth(now.toISOString())}T00:00:00+08:00`;
  const { rows } = await sql<Record<keyof typeof FIGURE_LABELS, number>>`
    select
      (select count(*) from members where status in ('active', 'suspended') and node_code like ${like})::int as "members",
      (select count(*) from application_queue where status = 'approved' and updated_at >= ${monthStart}::timestamptz
         and node_code like ${like})::int as "joinedThisMonth",
      (select count(*) from application_queue where status in ('submitted', 'info_requested') and node_code like ${like})::int as "pendingApplications",
      (select count(*) from unions where status = 'active' and node_code like ${like})::int as "unions",
      (select count(*) from unions where status = 'active' and kind = 'joint' and node_code like ${like})::int as "jointUnions",
      (select count(*) from transfers where status in ('requested', 'accepted') and (from_node like ${like} or to_node like ${like}))::int as "transfersInFlight",
      (select coalesce(sum(p.balance), 0) from points_balances p join members m on m.membership_id = p.membership_id
         where m.status in ('active', 'suspended') and m.node_code like ${like})::int as "pointsBalance"`.execute(db);
  const values = rows[0]!;
  return (Object.keys(FIGURE_LABELS) as Array<keyof typeof FIGURE_LABELS>).map((key) => ({ key, label: FIGURE_LABELS[key], value: values[key] }));
}

/** Current members by occupation, largest first. */
export async function membersByOccupation(db: Kysely<MembershipDatabase>, nodePrefix: string): Promise<Figure[]> {
  const { rows } = await sql<{ key: MemberOccupation; value: number }>`
    select occupation as key, count(*)::int as value from members
    where status in ('active', 'suspended') and node_code like ${`${nodePrefix}%`}
    group by 1 order by 2 desc, 1`.execute(db);
  return rows.map((r) => ({ ...r, label: MEMBER_OCCUPATION_LABELS[r.key] ?? r.key }));
}

/** Current members by the month they joined, the last twelve Beijing months (months without joins are 0). */
export async function membersByMonth(db: Kysely<MembershipDatabase>, nodePrefix: string, now: Date): Promise<Figure[]> {
  const months = lastMonths(now, MONTHS_SHOWN);
  const { rows } = await sql<{ key: string; value: number }>`
    select to_char(joined_month, 'YYYY-MM') as key, count(*)::int as value from members
    where status in ('active', 'suspended') and node_code like ${`${nodePrefix}%`} and joined_month >= ${`${months[0]}-01`}::date
    group by 1`.execute(db);
  const counts = new Map(rows.map((r) => [r.key, r.value]));
  return months.map((month) => ({ key: month, label: month, value: counts.get(month) ?? 0 }));
}

/** The unions with the most current members. */
export async function membersByUnion(db: Kysely<MembershipDatabase>, nodePrefix: string): Promise<Figure[]> {
  const { rows } = await sql<{ key: string; label: string | null; value: number }>`
    select m.union_id::text as key, max(u.name) as label, count(*)::int as value
    from members m left join unions u on u.union_id = m.union_id
    where m.status in ('active', 'suspended') and m.node_code like ${`${nodePrefix}%`}
    group by 1 order by 3 desc, 1 limit ${UNIONS_SHOWN}`.execute(db);
  return rows.map((r) => ({ key: r.key, label: r.label ?? r.key, value: r.value }));
}

/** Current members per node one level below `nodePrefix` (a district counts its own members). */
export async function membersByNode(db: Kysely<MembershipDatabase>, nodePrefix: string): Promise<Figure[]> {
  const length = Math.min(6, nodePrefix.length + 2);
  const { rows } = await sql<{ key: string; value: number }>`
    select left(node_code, ${length}) as key, count(*)::int as value from members
    where status in ('active', 'suspended') and node_code like ${`${nodePrefix}%`}
    group by 1 order by 1`.execute(db);
  return rows.map((r) => ({ ...r, label: divisionName(r.key) ?? r.key }));
}

/** YYYY-MM of the `count` Beijing months up to and including the current one, oldest first. */
export function lastMonths(now: Date, count: number): string[] {
  const [year, month] = beijingMonth(now.toISOString()).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1));
    return date.toISOString().slice(0, 7);
  });
}
