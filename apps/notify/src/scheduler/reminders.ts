import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql, Transaction } from 'kysely';
import { childDivisions, consolePages, divisionName, workerPages } from '@ws/contracts';
import { CLOCK, derivedId } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Selectable } from 'kysely';
import type { NotifyDatabase, RemindersTable } from '../db/database';
import { MessageComposer } from '../message/composer';

/** Messages that no event causes: they fall due. */
export const REMINDER_KINDS = ['invitation_expiring', 'shift_tomorrow', 'upgrade_deadline', 'directive_deadline'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderRequest {
  /** The event that scheduled it: with kind and subject, the reminder's id. */
  cause: string;
  kind: ReminderKind;
  /** What it is about, with the date it is about where that may change (`<directiveId>@<deadline>`). */
  subjectId: string;
  dueAt: Date;
}

const BATCH = 100;

/**
 * Reminders scheduled by the intake (an invitation about to expire, tomorrow's shift, an upgrade's
 * due date, a directive's deadline). When one falls due it is fired once (row lock, marked in the
 * transaction that composes its message) and only if it still applies: the invitation unanswered,
 * the shift not served, the upgrade not done, children still to acknowledge.
 */
@Injectable()
export class Reminders {
  constructor(
    @Inject(DB) private readonly db: Kysely<NotifyDatabase>,
    private readonly composer: MessageComposer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async schedule(trx: Transaction<NotifyDatabase>, request: ReminderRequest): Promise<void> {
    await trx
      .insertInto('reminders')
      .values({ reminder_id: derivedId(request.cause, `reminder:${request.kind}:${request.subjectId}`), kind: request.kind, subject_id: request.subjectId, due_at: request.dueAt })
      .onConflict((oc) => oc.column('reminder_id').doNothing())
      .execute();
  }

  /** Fires what is due; returns how many reminders were looked at. */
  async firePass(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('reminders')
        .selectAll()
        .where('fired_at', 'is', null)
        .where('due_at', '<=', this.clock.now())
        .orderBy('due_at')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const reminder of due) {
        await this.fire(trx, reminder);
        await trx.updateTable('reminders').set({ fired_at: this.clock.now() }).where('reminder_id', '=', reminder.reminder_id).execute();
      }
      return due.length;
    });
  }

  private async fire(trx: Transaction<NotifyDatabase>, reminder: Selectable<RemindersTable>): Promise<void> {
    const now = this.clock.now();
    const cause = reminder.reminder_id;
    const kind = reminder.kind as ReminderKind;
    switch (kind) {
      case 'invitation_expiring': {
        const invitation = await trx.selectFrom('invitation_refs').selectAll().where('invitation_id', '=', reminder.subject_id).executeTakeFirst();
        if (!invitation?.pending || invitation.expires_at.getTime() <= now.getTime()) return;
        const task = await trx.selectFrom('task_refs').select('title').where('task_id', '=', invitation.task_id).executeTakeFirst();
        await this.composer.compose(trx, {
          cause, causeIsEvent: false, kind, recipient: { kind: 'volunteer', id: invitation.volunteer_id }, sms: true,
          params: { taskTitle: task?.title ?? '', expiresAt: invitation.expires_at.toISOString() },
          link: workerPages.invitation(invitation.invitation_id), expiresAt: invitation.expires_at,
        });
        return;
      }
      case 'shift_tomorrow': {
        const shift = await trx.selectFrom('shift_refs').selectAll().where('shift_id', '=', reminder.subject_id).executeTakeFirst();
        if (!shift || shift.served || shift.starts_at.getTime() <= now.getTime()) return;
        const station = await trx.selectFrom('station_refs').select('name').where('station_id', '=', shift.station_id).executeTakeFirst();
        await this.composer.compose(trx, {
          cause, causeIsEvent: false, kind, recipient: { kind: 'volunteer', id: shift.volunteer_id }, sms: true,
          params: { stationName: station?.name ?? null, startsAt: shift.starts_at.toISOString(), endsAt: shift.ends_at.toISOString() },
          link: workerPages.volunteerShifts(), expiresAt: shift.starts_at,
        });
        return;
      }
      case 'upgrade_deadline': {
        const [stationId, due] = reminder.subject_id.split('@') as [string, string];
        const upgrade = await trx.selectFrom('upgrade_refs').selectAll().where('station_id', '=', stationId).executeTakeFirst();
        if (!upgrade || upgrade.completed || upgrade.due !== due) return;
        const station = await trx.selectFrom('station_refs').select('name').where('station_id', '=', stationId).executeTakeFirst();
        await this.composer.compose(trx, {
          cause, causeIsEvent: false, kind, recipient: { kind: 'station', id: stationId }, sms: false,
          params: { stationName: station?.name ?? '', standard: upgrade.standard, due }, link: consolePages.station(stationId),
        });
        return;
      }
      case 'directive_deadline': {
        const [directiveId, deadline] = reminder.subject_id.split('@') as [string, string];
        const directive = await trx.selectFrom('directive_refs').selectAll().where('directive_id', '=', directiveId).executeTakeFirst();
        if (!directive || directive.withdrawn || directive.deadline !== deadline) return;
        const node = this.platform.node.code;
        const children = await trx.selectFrom('directive_children').select(['child', 'acknowledged']).where('directive_id', '=', directiveId).execute();
        const acknowledged = new Set(children.filter((c) => c.acknowledged).map((c) => c.child));
        const expected = directive.children ?? [...new Set([...childDivisions(node), ...children.map((c) => c.child)])];
        const pending = expected.filter((child) => !acknowledged.has(child)).sort();
        if (pending.length === 0) return;
        await this.composer.compose(trx, {
          cause, causeIsEvent: false, kind, recipient: { kind: 'node', id: node }, sms: false,
          params: {
            title: directive.title,
            deadline,
            pendingCount: pending.length,
            pendingNames: pending.slice(0, 6).map((code) => divisionName(code) ?? code).join('、') + (pending.length > 6 ? '等' : ''),
          },
          link: consolePages.directive(directiveId),
        });
        return;
      }
      default: {
        const unknown: never = kind;
        throw new Error(`unknown reminder kind ${String(unknown)}`);
      }
    }
  }

  /** Reminders fired more than a month ago are deleted (they are in the messages' history). */
  async prune(): Promise<void> {
    await sql`delete from reminders where fired_at < now() - interval '30 days'`.execute(this.db);
  }
}
