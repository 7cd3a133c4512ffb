import { Kysely, sql } from 'kysely';
import type { StatFigure } from '@ws/platform';
import { WISH_CATEGORIES, WISH_STATUS_LABELS, WISH_STATUSES } from '@ws/contracts';
import type { WishesDatabase } from '../../db/database';
import { CATEGORY_LABELS } from '../../wish/labels';

export interface WishStats {
  /** The node (district or street) the figures cover: everything whose street code starts with it. */
  node: string;
  figures: StatFigure[];
  byStatus: StatFigure[];
  /** Open wishes per category (what the streets still owe). */
  byCategory: StatFigure[];
}

const OPEN = sql.raw(`status in ('submitted', 'accepted', 'dispatched', 'in_progress')`);
/** Completed and, after completion, closed (confirmed or unconfirmed); a merged duplicate never was. */
const COMPLETED = sql.raw(`(status = 'completed' or (status = 'closed' and merged_into is null and (answer is not null or proof is not null)))`);

/**
 * The headline figures of the wish board for a node's subtree (the dashboard's 心愿 panel):
 * open, overdue, completed, 附议, satisfaction, and the street reports (随手拍) with their rewards.
 */
export async function wishStats(db: Kysely<WishesDatabase>, node: string, now: Date): Promise<WishStats> {
  const inNode = sql`street_code like ${`${node}%`}`;
  const [totals, statuses, categories, reports] = await Promise.all([
    sql<{ total: number; open: number; overdue: number; escalated: number; completed: number; seconds: number; suggestions: number; rating: number | null }>`
      select count(*)::int as total,
        count(*) filter (where ${OPEN})::int as open,
        count(*) filter (where ${OPEN} and deadline < ${now})::int as overdue,
        count(*) filter (where ${OPEN} and escalated_at is not null)::int as escalated,
        count(*) filter (where ${COMPLETED})::int as completed,
        coalesce(sum(seconds), 0)::int as seconds,
        count(*) filter (where kind = 'suggestion')::int as suggestions,
        round(avg(rating)::numeric, 2)::float8 as rating
      from wish_board where ${inNode}`.execute(db),
    sql<{ key: string; value: number }>`select status as key, count(*)::int as value from wish_board where ${inNode} group by status`.execute(db),
    sql<{ key: string; value: number }>`select category as key, count(*)::int as value from wish_board where ${inNode} and ${OPEN} group by category`.execute(db),
    sql<{ total: number; valid: number; pending: number; yuan: number }>`
      select count(*)::int as total, count(*) filter (where status = 'valid')::int as valid,
        count(*) filter (where status = 'submitted')::int as pending, coalesce(sum(amount_yuan), 0)::int as yuan
      from report_board where ${inNode}`.execute(db),
  ]);
  const t = totals.rows[0]!;
  const r = reports.rows[0]!;
  const count = (rows: { key: string; value: number }[], key: string) => rows.find((row) => row.key === key)?.value ?? 0;
  return {
    node,
    figures: [
      { key: 'open', label: '待处理心愿', value: t.open },
      { key: 'overdue', label: '逾期心愿', value: t.overdue },
      { key: 'completed', label: '已完成心愿', value: t.completed },
      { key: 'escalated', label: '已上报区县', value: t.escalated },
      { key: 'total', label: '心愿总数', value: t.total },
      { key: 'suggestions', label: '民意建议', value: t.suggestions },
      { key: 'seconds', label: '附议人次', value: t.seconds },
      { key: 'satisfaction', label: '满意度（5分制）', value: t.rating ?? 0 },
      { key: 'reports', label: '随手拍', value: r.total },
      { key: 'reportsPending', label: '随手拍待审核', value: r.pending },
      { key: 'reportsValid', label: '随手拍有效', value: r.valid },
      { key: 'rewardYuan', label: '随手拍奖励（元）', value: r.yuan },
    ],
    byStatus: WISH_STATUSES.map((status) => ({ key: status, label: WISH_STATUS_LABELS[status], value: count(statuses.rows, status) })),
    byCategory: WISH_CATEGORIES.map((category) => ({ key: category, label: CATEGORY_LABELS[category], value: count(categories.rows, category) })),
  };
}
