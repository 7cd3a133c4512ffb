import { Inject, Injectable } from '@nestjs/common';
import { sql, Transaction } from 'kysely';
import { DISPATCH_AGGREGATES, DISPATCH_CONTEXT, parseEventSubject, subtreeContextFilter, TaskEvent } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { DispatchDatabase } from '../../db/database';

/**
 * Tasks and their invitations in one projection (one checkpoint), so "my invitations" joined
 * with the task's details never sees one without the other.
 */
@ReadModel()
@Injectable()
export class TasksProjection implements Projection<DispatchDatabase> {
  readonly name = 'dispatch.tasks';
  readonly tables = ['invitation_board', 'task_board'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, DISPATCH_CONTEXT, DISPATCH_AGGREGATES.task);
  }

  async apply(trx: Transaction<DispatchDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      await this.applyOne(trx, envelope as unknown as TaskEvent, parseEventSubject(subject).district, new Date(envelope.occurredAt));
    }
  }

  private async applyOne(trx: Transaction<DispatchDatabase>, event: TaskEvent, district: string, at: Date): Promise<void> {
    const task = (taskId: string) => trx.updateTable('task_board').where('task_id', '=', taskId);
    const invitation = (invitationId: string) => trx.updateTable('invitation_board').where('invitation_id', '=', invitationId);
    switch (event.type) {
      case 'TaskCreated': {
        const d = event.data;
        await trx
          .insertInto('task_board')
          .values({
            task_id: d.taskId,
            district_code: district,
            street_code: d.streetCode,
            decision_id: d.source.decisionId,
            wish_ids: d.source.wishIds,
            category: d.category,
            required_skill: d.requiredSkill,
            title: d.title,
            mode: d.mode,
            station_id: d.stationId,
            scheduled_at: d.scheduledAt,
            seats: d.seats,
            deadline: d.deadline,
            status: 'open',
            scope: 'street',
            pending_invitation_id: null,
            invitations_sent: 0,
            assignee: null,
            escalated_at: null,
            escalation_reason: null,
            created_at: at,
            assigned_at: null,
            completed_at: null,
            hours: null,
            attendees: null,
            updated_at: at,
          })
          .onConflict((oc) => oc.column('task_id').doNothing())
          .execute();
        return;
      }
      case 'InvitationSent': {
        const d = event.data;
        await trx
          .insertInto('invitation_board')
          .values({
            invitation_id: d.invitationId,
            task_id: d.taskId,
            volunteer_id: d.volunteerId,
            district_code: district,
            scope: d.scope,
            status: 'pending',
            sent_at: at,
            expires_at: d.expiresAt,
            responded_at: null,
            decline_reason: null,
          })
          .onConflict((oc) => oc.column('invitation_id').doNothing())
          .execute();
        await task(d.taskId)
          .set({ pending_invitation_id: d.invitationId, scope: d.scope, invitations_sent: sql`invitations_sent + 1`, updated_at: at })
          .execute();
        return;
      }
      case 'InvitationAccepted':
      case 'InvitationDeclined':
      case 'InvitationExpired': {
        const status = event.type === 'InvitationAccepted' ? 'accepted' : event.type === 'InvitationDeclined' ? 'declined' : 'expired';
        const reason = event.type === 'InvitationDeclined' ? event.data.reason : null;
        await invitation(event.data.invitationId).set({ status, responded_at: at, decline_reason: reason }).execute();
        await task(event.data.taskId)
          .where('pending_invitation_id', '=', event.data.invitationId)
          .set({ pending_invitation_id: null, updated_at: at })
          .execute();
        return;
      }
      case 'TaskAssigned':
        await task(event.data.taskId).set({ status: 'assigned', assignee: event.data.volunteerId, assigned_at: at, updated_at: at }).execute();
        return;
      case 'TaskStarted':
        await task(event.data.taskId).set({ status: 'started', updated_at: at }).execute();
        return;
      case 'TaskEscalated':
        await task(event.data.taskId).set({ scope: 'district', escalated_at: at, escalation_reason: event.data.reason, updated_at: at }).execute();
        return;
      case 'TaskCompleted':
        await task(event.data.taskId)
          .set({ status: 'completed', completed_at: at, hours: event.data.hours, attendees: event.data.proof.attendees, updated_at: at })
          .execute();
        return;
      case 'TaskReopened':
        await task(event.data.taskId)
          .where('status', '=', 'completed')
          .set({ status: 'open', scope: 'street', assignee: null, assigned_at: null, completed_at: null, deadline: event.data.deadline, escalated_at: null, escalation_reason: null, updated_at: at })
          .execute();
        return;
      case 'TaskCancelled':
        await trx
          .updateTable('invitation_board')
          .set({ status: 'withdrawn', responded_at: at })
          .where('task_id', '=', event.data.taskId)
          .where('status', '=', 'pending')
          .execute();
        await task(event.data.taskId).set({ status: 'cancelled', pending_invitation_id: null, updated_at: at }).execute();
        return;
      default:
        assertNever(event, 'task event');
    }
  }
}
