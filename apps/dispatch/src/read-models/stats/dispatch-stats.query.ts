import { Kysely, sql } from 'kysely';
import type { StatFigure } from '@ws/platform';
import { shanghaiMonths, VOLUNTEER_TYPES } from '@ws/contracts';
import type { DispatchDatabase } from '../../db/database';
import { TASK_STATUS_LABELS, VOLUNTEER_TYPE_LABELS } from '../../labels/labels';
import { TASK_STATUSES } from '../tasks/tasks.query';

export interface DispatchStats {
  /** The node (district or street) the figures cover: everything whose street code starts with it. */
  node: string;
  month: string;
  figures: StatFigure[];
  /** Tasks per status. */
  byStatus: StatFigure[];
  /** Active volunteers per type (党员、干部、学生 …). */
  byVolunteerType: StatFigure[];
  /** Hours served per month, the last twelve months (Asia/Shanghai), oldest first. */
  hoursByMonth: StatFigure[];
}

const MONTHS_SHOWN = 12;

/**
 * The headline figures of dispatch for a node's subtree (the dashboard's 派单 panel): volunteers
 * on the register, tasks in progress, this month's volunteer hours, and breakdowns to chart.
 */
export async function dispatchStats(db: Kysely<DispatchDatabase>, node: string, now: Date): Promise<DispatchStats> {
  const prefix = `${node}%`;
  const months = shanghaiMonths(now, MONTHS_SHOWN);
  const [firstMonth, month] = [months[0]!, months.at(-1)!];
  const [volunteers, tasks, pending, hours, shifts] = await Promise.all([
    sql<{ key: string; value: number }>`
      select type as key, count(*)::int as value from volunteer_board
      where home_street like ${prefix} and status = 'active' group by type`.execute(db),
    sql<{ key: string; value: number; escalated: number; overdue: number }>`
      select status as key, count(*)::int as value,
        count(*) filter (where escalated_at is not null)::int as escalated,
        count(*) filter (where status = 'open' and deadline < ${now})::int as overdue
      from task_board where street_code like ${prefix} group by status`.execute(db),
    sql<{ n: number }>`
      select count(*)::int as n from invitation_board i join task_board t on t.task_id = i.task_id
      where t.street_code like ${prefix} and i.status = 'pending' and i.expires_at > ${now}`.execute(db),
    sql<{ month: string; hours: number; volunteers: number }>`
      select month, sum(hours)::float8 as hours, count(distinct volunteer_id)::int as volunteers from service_hours
      where street_code like ${prefix} and month between ${firstMonth} and ${month} group by month`.execute(db),
    sql<{ n: number }>`
      select count(*)::int as n from shift_rota
      where street_code like ${prefix} and starts_at < ${now} and ends_at > ${now}`.execute(db),
  ]);
  const taskCount = (status: string) => tasks.rows.find((r) => r.key === status)?.value ?? 0;
  const inProgress = taskCount('open') + taskCount('assigned') + taskCount('started');
  const escalated = tasks.rows.filter((r) => r.key === 'open' || r.key === 'assigned' || r.key === 'started').reduce((sum, r) => sum + r.escalated, 0);
  const thisMonth = hours.rows.find((r) => r.month === month);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    node,
    month,
    figures: [
      { key: 'volunteers', label: '在册志愿者', value: volunteers.rows.reduce((sum, r) => sum + r.value, 0) },
      { key: 'hoursThisMonth', label: '本月志愿服务时长', value: round(thisMonth?.hours ?? 0) },
      { key: 'volunteersServedThisMonth', label: '本月服务志愿者', value: thisMonth?.volunteers ?? 0 },
      { key: 'tasksInProgress', label: '进行中派单', value: inProgress },
      { key: 'tasksWaiting', label: '待接单任务', value: taskCount('open') },
      { key: 'tasksOverdue', label: '超期未接单', value: tasks.rows.reduce((sum, r) => sum + r.overdue, 0) },
      { key: 'tasksEscalated', label: '已升级到区', value: escalated },
      { key: 'tasksCompleted', label: '已完成派单', value: taskCount('completed') },
      { key: 'invitationsPending', label: '待回复邀请', value: pending.rows[0]!.n },
      { key: 'shiftsOnDuty', label: '正在值守班次', value: shifts.rows[0]!.n },
    ],
    byStatus: TASK_STATUSES.map((status) => ({ key: status, label: TASK_STATUS_LABELS[status], value: taskCount(status) })),
    byVolunteerType: VOLUNTEER_TYPES.map((type) => ({ key: type, label: VOLUNTEER_TYPE_LABELS[type], value: volunteers.rows.find((r) => r.key === type)?.value ?? 0 })),
    hoursByMonth: months.map((key) => ({ key, label: `${key.slice(0, 4)}年${Number(key.slice(5))}月`, value: round(hours.rows.find((r) => r.month === key)?.hours ?? 0) })),
  };
}
