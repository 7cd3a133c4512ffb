import { Injectable } from '@nestjs/common';
import { ownEventPrefix, workerPages } from '@ws/contracts';
import type {
  EventEnvelope,
  InvitationSent,
  ShiftScheduled,
  ShiftSwapAnswered,
  ShiftSwapped,
  ShiftSwapRequested,
  TaskAssigned,
  TaskCancelled,
  TaskCreated,
  TaskEscalated,
} from '@ws/contracts';
import { Reaction } from '@ws/platform';
import { shanghaiAt, shanghaiMidnight } from '../rules/shanghai-time';
import { IntakeContext, IntakeHandler, IntakeReaction } from './intake';
import { IntakeDeps } from './intake-deps';

type Data<E extends { data: unknown }> = EventEnvelope<string, E['data']>;

async function taskTitle(ctx: IntakeContext, taskId: string): Promise<string> {
  return (await ctx.trx.selectFrom('task_refs').select('title').where('task_id', '=', taskId).executeTakeFirst())?.title ?? '';
}

async function stationName(ctx: IntakeContext, stationId: string): Promise<string | null> {
  return (await ctx.trx.selectFrom('station_refs').select('name').where('station_id', '=', stationId).executeTakeFirst())?.name ?? null;
}

const closeInvitation = async (ctx: IntakeContext, { data }: EventEnvelope<string, { invitationId: string }>) => {
  await ctx.trx.updateTable('invitation_refs').set({ pending: false }).where('invitation_id', '=', data.invitationId).execute();
};

const closeTask = async (ctx: IntakeContext, { data }: EventEnvelope<string, { taskId: string }>) => {
  await ctx.trx.updateTable('task_refs').set({ open: false }).where('task_id', '=', data.taskId).execute();
};

const HANDLERS: Record<string, IntakeHandler> = {
  TaskCreated: async (ctx, { data }: Data<TaskCreated>) => {
    await ctx.trx
      .insertInto('task_refs')
      .values({ task_id: data.taskId, title: data.title, street_code: data.streetCode, deadline: data.deadline, assignee: null, open: true, escalated: false })
      .onConflict((oc) => oc.column('task_id').doNothing())
      .execute();
  },
  InvitationSent: async (ctx, envelope: Data<InvitationSent>) => {
    const { data } = envelope;
    await ctx.trx
      .insertInto('invitation_refs')
      .values({ invitation_id: data.invitationId, task_id: data.taskId, volunteer_id: data.volunteerId, expires_at: data.expiresAt, pending: true })
      .onConflict((oc) => oc.column('invitation_id').doNothing())
      .execute();
    const expiresAt = new Date(data.expiresAt);
    await ctx.tell({
      kind: 'invitation', recipient: { kind: 'volunteer', id: data.volunteerId }, sms: true,
      params: { taskTitle: await taskTitle(ctx, data.taskId), expiresAt: data.expiresAt },
      link: workerPages.invitation(data.invitationId), expiresAt,
    });
    // The reminder comes with a third of the time left at most, so there is still time to answer.
    const left = expiresAt.getTime() - Date.parse(envelope.occurredAt);
    const lead = Math.min(ctx.config.invitationReminderMs, left / 3);
    if (lead > 0) await ctx.remind({ kind: 'invitation_expiring', subjectId: data.invitationId, dueAt: new Date(expiresAt.getTime() - lead) });
  },
  InvitationAccepted: closeInvitation,
  InvitationDeclined: closeInvitation,
  InvitationExpired: closeInvitation,
  TaskAssigned: async (ctx, { data }: Data<TaskAssigned>) => {
    await ctx.trx.updateTable('task_refs').set({ assignee: data.volunteerId }).where('task_id', '=', data.taskId).execute();
  },
  TaskEscalated: async (ctx, { data }: Data<TaskEscalated>) => {
    await ctx.trx.updateTable('task_refs').set({ escalated: true }).where('task_id', '=', data.taskId).execute();
  },
  TaskReopened: async (ctx, { data }: EventEnvelope<string, { taskId: string; deadline: string }>) => {
    await ctx.trx.updateTable('task_refs').set({ open: true, assignee: null, escalated: false, deadline: data.deadline }).where('task_id', '=', data.taskId).execute();
  },
  TaskCompleted: closeTask,
  TaskCancelled: async (ctx, envelope: Data<TaskCancelled>) => {
    const { data } = envelope;
    const task = await ctx.trx.selectFrom('task_refs').select(['title', 'assignee']).where('task_id', '=', data.taskId).executeTakeFirst();
    const invited = await ctx.trx.selectFrom('invitation_refs').select('volunteer_id').where('task_id', '=', data.taskId).where('pending', '=', true).execute();
    await closeTask(ctx, envelope);
    await ctx.trx.updateTable('invitation_refs').set({ pending: false }).where('task_id', '=', data.taskId).execute();
    const volunteers = new Set([...(task?.assignee ? [task.assignee] : []), ...invited.map((r) => r.volunteer_id)]);
    for (const volunteerId of volunteers) {
      await ctx.tell({
        kind: 'task_cancelled', recipient: { kind: 'volunteer', id: volunteerId }, sms: true,
        params: { taskTitle: task?.title ?? '', reason: data.reason }, link: workerPages.volunteerTasks(),
      });
    }
  },
  ShiftScheduled: async (ctx, { data }: Data<ShiftScheduled>) => {
    await ctx.trx
      .insertInto('shift_refs')
      .values({ shift_id: data.shiftId, station_id: data.stationId, volunteer_id: data.volunteerId, starts_at: data.startsAt, ends_at: data.endsAt, served: false })
      .onConflict((oc) => oc.column('shift_id').doNothing())
      .execute();
    const startsAt = new Date(data.startsAt);
    // "Tomorrow" only makes sense for a shift on a later day than the one it was scheduled on.
    if (shanghaiMidnight(startsAt).getTime() <= shanghaiMidnight(ctx.now).getTime()) return;
    const dueAt = shanghaiAt(startsAt, -1, ctx.config.shiftReminderHour * 60);
    await ctx.remind({ kind: 'shift_tomorrow', subjectId: data.shiftId, dueAt: dueAt.getTime() > ctx.now.getTime() ? dueAt : ctx.now });
  },
  ShiftSwapped: async (ctx, { data }: Data<ShiftSwapped>) => {
    await ctx.trx.updateTable('shift_refs').set({ volunteer_id: data.toVolunteerId }).where('shift_id', '=', data.shiftId).execute();
  },
  ShiftServed: async (ctx, { data }: EventEnvelope<string, { shiftId: string }>) => {
    await ctx.trx.updateTable('shift_refs').set({ served: true }).where('shift_id', '=', data.shiftId).execute();
  },
  ShiftSwapRequested: async (ctx, { data }: Data<ShiftSwapRequested>) => {
    await ctx.tell({
      kind: 'swap_requested', recipient: { kind: 'volunteer', id: data.toVolunteerId }, sms: true,
      params: { stationName: await stationName(ctx, data.stationId), startsAt: data.startsAt }, link: workerPages.volunteerShifts(), expiresAt: new Date(data.startsAt),
    });
  },
  ShiftSwapAnswered: async (ctx, { data }: Data<ShiftSwapAnswered>) => {
    const shift = await ctx.trx.selectFrom('shift_refs').select(['station_id', 'starts_at']).where('shift_id', '=', data.shiftId).executeTakeFirst();
    await ctx.tell({
      kind: 'swap_answered', recipient: { kind: 'volunteer', id: data.fromVolunteerId }, sms: true,
      params: {
        stationName: shift ? await stationName(ctx, shift.station_id) : null,
        startsAt: shift?.starts_at.toISOString() ?? null,
        accepted: data.accepted ? 'yes' : 'no',
      },
      link: workerPages.volunteerShifts(),
    });
  },
};

/** Notify's reaction to the node's own dispatch events (统一派单, 轮值). */
@Reaction()
@Injectable()
export class DispatchIntake extends IntakeReaction {
  constructor(deps: IntakeDeps) {
    super(deps, 'notify.intake-dispatch', `${ownEventPrefix(deps.node)}.dispatch.>`, HANDLERS);
  }
}
