import { Kysely, sql } from 'kysely';
import type { DispatchDatabase } from '../../db/database';

const MINUTE_MS = 60_000;
export const TASK_STATUSES = ['open', 'assigned', 'started', 'completed', 'cancelled'] as const;
export type TaskBoardStatus = (typeof TASK_STATUSES)[number];
export const OPEN_TASK_STATUSES: readonly TaskBoardStatus[] = ['open', 'assigned', 'started'];

export interface TaskFilter {
  statuses: readonly TaskBoardStatus[];
  districtCode?: string;
  streetCode?: string;
}

/** Tasks in the given statuses, oldest first, with how long each has waited and whether it is late. */
export async function listTasks(db: Kysely<DispatchDatabase>, filter: TaskFilter, now: Date, limit = 500) {
  const rows = await db
    .selectFrom('task_board')
    .selectAll()
    .where('status', 'in', [...filter.statuses])
    .$if(Boolean(filter.districtCode), (qb) => qb.where('district_code', '=', filter.districtCode!))
    .$if(Boolean(filter.streetCode), (qb) => qb.where('street_code', '=', filter.streetCode!))
    .orderBy('created_at')
    .orderBy('task_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    taskId: r.task_id,
    districtCode: r.district_code,
    streetCode: r.street_code,
    title: r.title,
    category: r.category,
    requiredSkill: r.required_skill,
    mode: r.mode,
    stationId: r.station_id,
    scheduledAt: r.scheduled_at?.toISOString() ?? null,
    wishIds: r.wish_ids,
    status: r.status,
    scope: r.scope,
    escalated: r.escalated_at !== null,
    escalationReason: r.escalation_reason,
    waitingForVolunteers: r.status === 'open' && r.pending_invitation_id === null,
    invitationsSent: r.invitations_sent,
    assignee: r.assignee,
    hours: r.hours === null ? null : Number(r.hours),
    createdAt: r.created_at.toISOString(),
    deadline: r.deadline.toISOString(),
    ageMinutes: Math.floor((now.getTime() - r.created_at.getTime()) / MINUTE_MS),
    overdue: r.status === 'open' && now.getTime() > r.deadline.getTime(),
  }));
}

/** Per street: how many tasks are open, in hand, escalated, and how old the oldest one is. */
export async function openTasksByStreet(db: Kysely<DispatchDatabase>, filter: Omit<TaskFilter, 'statuses'>, now: Date) {
  const { rows } = await sql<{ street_code: string; open: number; in_hand: number; escalated: number; overdue: number; oldest: Date }>`
    select street_code,
      count(*) filter (where status = 'open')::int as open,
      count(*) filter (where status in ('assigned', 'started'))::int as in_hand,
      count(*) filter (where escalated_at is not null)::int as escalated,
      count(*) filter (where status = 'open' and deadline < ${now})::int as overdue,
      min(created_at) as oldest
    from task_board
    where status in ('open', 'assigned', 'started')
      ${filter.districtCode ? sql`and district_code = ${filter.districtCode}` : sql``}
      ${filter.streetCode ? sql`and street_code = ${filter.streetCode}` : sql``}
    group by street_code
    order by min(created_at)`.execute(db);
  return rows.map((r) => ({
    streetCode: r.street_code,
    open: r.open,
    inHand: r.in_hand,
    escalated: r.escalated,
    overdue: r.overdue,
    oldestAgeMinutes: Math.floor((now.getTime() - r.oldest.getTime()) / MINUTE_MS),
  }));
}

export async function taskDetail(db: Kysely<DispatchDatabase>, taskId: string) {
  const task = await db.selectFrom('task_board').selectAll().where('task_id', '=', taskId).executeTakeFirst();
  if (!task) return undefined;
  const invitations = await db.selectFrom('invitation_board').selectAll().where('task_id', '=', taskId).orderBy('sent_at').execute();
  return { task, invitations: invitations.map(invitationView) };
}

export interface InvitationFilter {
  volunteerId: string;
  status?: string;
  /** Only invitations to this street's tasks. */
  streetCode?: string;
}

/** A volunteer's invitations with what they need to decide: the task, its place and time. */
export async function invitationsOf(db: Kysely<DispatchDatabase>, filter: InvitationFilter, now: Date, limit = 200) {
  const rows = await db
    .selectFrom('invitation_board as i')
    .innerJoin('task_board as t', 't.task_id', 'i.task_id')
    .select([
      'i.invitation_id', 'i.task_id', 'i.volunteer_id', 'i.scope', 'i.status', 'i.sent_at', 'i.expires_at', 'i.responded_at', 'i.decline_reason',
      't.title', 't.category', 't.mode', 't.street_code', 't.station_id', 't.scheduled_at', 't.seats', 't.deadline', 't.required_skill', 't.wish_ids',
    ])
    .where('i.volunteer_id', '=', filter.volunteerId)
    .$if(Boolean(filter.streetCode), (qb) => qb.where('t.street_code', '=', filter.streetCode!))
    .$if(filter.status === 'pending', (qb) => qb.where('i.status', '=', 'pending').where('i.expires_at', '>', now))
    .$if(filter.status === 'expired', (qb) =>
      qb.where((eb) => eb.or([eb('i.status', '=', 'expired'), eb.and([eb('i.status', '=', 'pending'), eb('i.expires_at', '<=', now)])])),
    )
    .$if(Boolean(filter.status) && filter.status !== 'pending' && filter.status !== 'expired', (qb) => qb.where('i.status', '=', filter.status as never))
    .orderBy('i.sent_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...invitationView(r),
    // A pending invitation past its time is shown as expired before the sweeper gets to it.
    status: r.status === 'pending' && r.expires_at.getTime() <= now.getTime() ? 'expired' : r.status,
    task: {
      taskId: r.task_id,
      title: r.title,
      category: r.category,
      requiredSkill: r.required_skill,
      mode: r.mode,
      streetCode: r.street_code,
      stationId: r.station_id,
      scheduledAt: r.scheduled_at?.toISOString() ?? null,
      seats: r.seats,
      deadline: r.deadline.toISOString(),
      wishIds: r.wish_ids,
    },
  }));
}

export async function tasksOfVolunteer(db: Kysely<DispatchDatabase>, volunteerId: string, limit = 200) {
  return db
    .selectFrom('task_board')
    .select(['task_id as taskId', 'title', 'category', 'mode', 'street_code as streetCode', 'station_id as stationId', 'scheduled_at as scheduledAt', 'deadline', 'status', 'wish_ids as wishIds', 'hours', 'assigned_at as assignedAt', 'completed_at as completedAt'])
    .where('assignee', '=', volunteerId)
    .orderBy('assigned_at', 'desc')
    .limit(limit)
    .execute();
}

function invitationView(r: {
  invitation_id: string;
  task_id: string;
  volunteer_id: string;
  scope: string;
  status: string;
  sent_at: Date;
  expires_at: Date;
  responded_at: Date | null;
  decline_reason: string | null;
}) {
  return {
    invitationId: r.invitation_id,
    taskId: r.task_id,
    volunteerId: r.volunteer_id,
    scope: r.scope,
    status: r.status,
    sentAt: r.sent_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    respondedAt: r.responded_at?.toISOString() ?? null,
    declineReason: r.decline_reason,
  };
}
