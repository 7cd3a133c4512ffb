import { Kysely, sql } from 'kysely';
import { divisionName, OCCUPATION_LABELS, type MemberOccupation, shanghaiMonths } from '@ws/contracts';
import type { StatFigure } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';
import { beijingMonth } from '../batch-fold';

/** In the order the dashboard shows them (it shows the first six). */
export const FIGURE_LABELS = {
  members: '会员总数',
  joinedThisMonth: '本月新入会',
  pendingApplications: '待审批申请',
  jointUnions: '联合工会',
  transfersInFlight: '转会办理中',
  pointsBalance: '积分余额合计',
  unions: '工会组织',
} as const;

const MONTHS_SHOWN = 12;
const UNIONS_SHOWN = 20;

export interface MembershipStats {
  figures: StatFigure[];
  byOccupation: StatFigure[];
  byMonth: StatFigure[];
  byUnion: StatFigure[];
  byNode: StatFigure[];
}

/**
 * The membership figures of a subtree: every read model holds the node's whole subtree, and a
 * node code nests by prefix, so `nodePrefix` (this node, or one below it) selects a subtree.
 * Members are the current ones (active and suspended); "this month" is the Beijing month; points
 * are those outstanding on the subtree's accounts. Everything is summed from counts the
 * projections keep (member_counts, points_totals), never from a scan of the members.
 */
export async function membershipStats(db: Kysely<MembershipDatabase>, nodePrefix: string, now: Date): Promise<MembershipStats> {
  const months = shanghaiMonths(now, MONTHS_SHOWN);
  const [breakdowns, others] = await Promise.all([memberBreakdowns(db, nodePrefix), otherFigures(db, nodePrefix, now)]);
  const of = (dimension: Dimension) => breakdowns.filter((r) => r.dimension === dimension);
  const perMonth = new Map(of('month').map((r) => [r.key, r.value]));
  const unionNames = await namesOf(db, of('union').map((r) => r.key!));
  const values = { members: of('total')[0]?.value ?? 0, ...others };
  return {
    figures: (Object.keys(FIGURE_LABELS) as Array<keyof typeof FIGURE_LABELS>).map((key) => ({ key, label: FIGURE_LABELS[key], value: values[key] })),
    byOccupation: of('occupation').map((r) => ({ key: r.key!, label: OCCUPATION_LABELS[r.key as MemberOccupation] ?? r.key!, value: r.value })),
    byMonth: months.map((month) => ({ key: month, label: month, value: perMonth.get(month) ?? 0 })),
    byUnion: of('union').slice(0, UNIONS_SHOWN).map((r) => ({ key: r.key!, label: unionNames.get(r.key!) ?? r.key!, value: r.value })),
    byNode: of('node').map((r) => ({ key: r.key!, label: divisionName(r.key!) ?? r.key!, value: r.value })),
  };
}

type Dimension = 'total' | 'occupation' | 'month' | 'union' | 'node';

/** Current members counted by occupation, join month, union and child node, and in all, from the counts. */
async function memberBreakdowns(db: Kysely<MembershipDatabase>, nodePrefix: string) {
  const childLength = Math.min(6, nodePrefix.length + 2);
  const { rows } = await sql<{ dimension: Dimension; key: string | null; value: number }>`
    select case grouping(occupation, month, union_id, node)
             when 15 then 'total' when 7 then 'occupation' when 11 then 'month' when 13 then 'union' else 'node' end as dimension,
           coalesce(occupation, month, union_id::text, node) as key,
           sum(members)::int as value
    from (select occupation, to_char(joined_month, 'YYYY-MM') as month, union_id, left(node_code, ${childLength}) as node, members
          from member_counts where status in ('active', 'suspended') and node_code like ${`${nodePrefix}%`}) m
    -- grouping() has a bit set for each column a set leaves out: () = 15, (occupation) = 7, (month) = 11, (union_id) = 13, (node) = 14.
    group by grouping sets ((), (occupation), (month), (union_id), (node))
    order by value desc, key`.execute(db);
  return rows;
}

async function otherFigures(db: Kysely<MembershipDatabase>, nodePrefix: string, now: Date) {
  const like = `${nodePrefix}%`;
  const monthStart = `${beijingMonth(now.toISOString())}T00:00:00+08:00`;
  const { rows } = await sql<Omit<Record<keyof typeof FIGURE_LABELS, number>, 'members'>>`
    select
      (select count(*) from application_queue where status = 'approved' and updated_at >= ${monthStart}::timestamptz
         and node_code like ${like})::int as "joinedThisMonth",
      (select count(*) from application_queue where status in ('submitted', 'info_requested') and node_code like ${like})::int as "pendingApplications",
      (select count(*) from unions where status = 'active' and node_code like ${like})::int as "unions",
      (select count(*) from unions where status = 'active' and kind = 'joint' and node_code like ${like})::int as "jointUnions",
      (select count(*) from transfers where status in ('requested', 'accepted') and (from_node like ${like} or to_node like ${like}))::int as "transfersInFlight",
      (select coalesce(sum(balance), 0) from points_totals where node_code like ${like})::int as "pointsBalance"`.execute(db);
  return rows[0]!;
}

async function namesOf(db: Kysely<MembershipDatabase>, unionIds: string[]): Promise<Map<string, string>> {
  if (unionIds.length === 0) return new Map();
  const rows = await db.selectFrom('unions').select(['union_id', 'name']).where('union_id', 'in', unionIds.slice(0, UNIONS_SHOWN)).execute();
  return new Map(rows.map((r) => [r.union_id, r.name]));
}
