import type { TaskCreated, TaskEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { Offer, taskDecider } from './task.decider';

// spec()'s clock: 2026-06-01T02:00:00Z.
const NOW = new Date('2026-06-01T02:00:00.000Z');
const HOUR = 3600_000;
const TTL = 30 * 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

const taskId = 'task-1';
const task: TaskCreated['data'] = {
  taskId,
  source: { decisionId: 'decision-1', wishIds: ['wish-1'] },
  streetCode: '330802001',
  category: 'training_first_aid',
  requiredSkill: 'first_aid_trainer',
  title: '骑手急救培训',
  location: null,
  stationId: 'station-1',
  scheduledAt: null,
  seats: null,
  deadline: at(24 * HOUR),
  mode: 'individual',
};
const offer = (invitationId: string, street: string[], district: string[] = street): Offer => ({
  invitationId,
  streetCandidates: street,
  districtCandidates: district,
  district: '330802',
  invitationTtlMs: TTL,
});

const created: TaskEvent = { type: 'TaskCreated', data: task };
const sent = (invitationId: string, volunteerId: string, expiresAt = at(TTL), scope: 'street' | 'district' = 'street'): TaskEvent => ({
  type: 'InvitationSent',
  data: { taskId, invitationId, volunteerId, scope, expiresAt },
});
const escalated = (reason: 'street_exhausted' | 'deadline_passed'): TaskEvent => ({
  type: 'TaskEscalated',
  data: { taskId, fromStreet: '330802001', toDistrict: '330802', reason, wishIds: ['wish-1'] },
});
const accepted: TaskEvent[] = [
  { type: 'InvitationAccepted', data: { taskId, invitationId: 'inv-1', volunteerId: 'alice' } },
  { type: 'TaskAssigned', data: { taskId, invitationId: 'inv-1', volunteerId: 'alice', wishIds: ['wish-1'] } },
];
const proof = { notes: '完成急救培训', photoRefs: ['photo-1'], attendees: null };
const completed: TaskEvent = {
  type: 'TaskCompleted',
  data: { taskId, wishIds: ['wish-1'], decisionId: 'decision-1', volunteerId: 'alice', streetCode: '330802001', stationId: 'station-1', proof, hours: 2 },
};

describe('task decider', () => {
  describe('creation', () => {
    it('creates the task and invites the best street candidate', () => {
      spec(taskDecider).given([]).when({ type: 'CreateTask', task, offer: offer('inv-1', ['alice', 'bob']) }).then([created, sent('inv-1', 'alice')]);
    });

    it('escalates at once when nobody in the street fits, inviting from the district', () => {
      spec(taskDecider)
        .given([])
        .when({ type: 'CreateTask', task, offer: offer('inv-1', [], ['carol']) })
        .then([created, escalated('street_exhausted'), sent('inv-1', 'carol', at(TTL), 'district')]);
    });

    it('keeps a street invitation within the deadline', () => {
      const soon = { ...task, deadline: at(10 * 60_000) };
      spec(taskDecider)
        .given([])
        .when({ type: 'CreateTask', task: soon, offer: offer('inv-1', ['alice']) })
        .then([{ type: 'TaskCreated', data: soon }, sent('inv-1', 'alice', at(10 * 60_000))]);
    });

    it('refuses to create the same task twice', () => {
      spec(taskDecider).given([created]).when({ type: 'CreateTask', task, offer: offer('inv-2', ['alice']) }).thenError('task_already_exists');
    });
  });

  describe('answers to an invitation', () => {
    const invited = [created, sent('inv-1', 'alice')];

    it('assigns the task to the volunteer who accepts', () => {
      spec(taskDecider).given(invited).when({ type: 'AcceptInvitation', invitationId: 'inv-1', volunteerId: 'alice' }).then(accepted);
    });

    it('refuses a second accept with a clear error', () => {
      spec(taskDecider).given([...invited, ...accepted]).when({ type: 'AcceptInvitation', invitationId: 'inv-1', volunteerId: 'alice' }).thenError('invitation_already_accepted');
    });

    it('refuses an accept after the timeout, even before the scheduler swept it', () => {
      spec(taskDecider, new Date(NOW.getTime() + TTL)).given(invited).when({ type: 'AcceptInvitation', invitationId: 'inv-1', volunteerId: 'alice' }).thenError('invitation_expired');
      const swept: TaskEvent = { type: 'InvitationExpired', data: { taskId, invitationId: 'inv-1', volunteerId: 'alice' } };
      spec(taskDecider).given([...invited, swept]).when({ type: 'AcceptInvitation', invitationId: 'inv-1', volunteerId: 'alice' }).thenError('invitation_expired');
    });

    it('refuses someone else answering, and unknown invitations', () => {
      spec(taskDecider).given(invited).when({ type: 'AcceptInvitation', invitationId: 'inv-1', volunteerId: 'mallory' }).thenError('invitation_not_yours');
      spec(taskDecider).given(invited).when({ type: 'AcceptInvitation', invitationId: 'inv-9', volunteerId: 'alice' }).thenError('invitation_not_found');
      spec(taskDecider).given([]).when({ type: 'AcceptInvitation', invitationId: 'inv-1', volunteerId: 'alice' }).thenError('task_not_found');
    });

    it('moves a declined task to the next candidate, never back to the one who declined', () => {
      spec(taskDecider)
        .given(invited)
        .when({ type: 'DeclineInvitation', invitationId: 'inv-1', volunteerId: 'alice', reason: '出差', offer: offer('inv-2', ['alice', 'bob']) })
        .then([{ type: 'InvitationDeclined', data: { taskId, invitationId: 'inv-1', volunteerId: 'alice', reason: '出差' } }, sent('inv-2', 'bob')]);
    });

    it('escalates when the last street candidate declines', () => {
      spec(taskDecider)
        .given(invited)
        .when({ type: 'DeclineInvitation', invitationId: 'inv-1', volunteerId: 'alice', reason: null, offer: offer('inv-2', ['alice'], ['alice', 'dan']) })
        .then([
          { type: 'InvitationDeclined', data: { taskId, invitationId: 'inv-1', volunteerId: 'alice', reason: null } },
          escalated('street_exhausted'),
          sent('inv-2', 'dan', at(TTL), 'district'),
        ]);
    });

    it('refuses to decline after accepting', () => {
      spec(taskDecider).given([...invited, ...accepted]).when({ type: 'DeclineInvitation', invitationId: 'inv-1', volunteerId: 'alice', reason: null, offer: offer('inv-2', ['bob']) }).thenError('invitation_already_accepted');
    });
  });

  describe('timeouts and escalation', () => {
    const invited = [created, sent('inv-1', 'alice')];
    const expired: TaskEvent = { type: 'InvitationExpired', data: { taskId, invitationId: 'inv-1', volunteerId: 'alice' } };

    it('expires an unanswered invitation and invites the next candidate', () => {
      spec(taskDecider, new Date(NOW.getTime() + TTL))
        .given(invited)
        .when({ type: 'ExpireInvitation', invitationId: 'inv-1', offer: offer('inv-2', ['alice', 'bob']) })
        .then([expired, sent('inv-2', 'bob', at(2 * TTL))]);
    });

    it('does nothing before the time, or when the invitation was already answered or expired', () => {
      const command = { type: 'ExpireInvitation' as const, invitationId: 'inv-1', offer: offer('inv-2', ['bob']) };
      spec(taskDecider).given(invited).when(command).thenNothing();
      spec(taskDecider, new Date(NOW.getTime() + TTL)).given([...invited, expired]).when(command).thenNothing();
      spec(taskDecider, new Date(NOW.getTime() + TTL)).given([...invited, ...accepted]).when(command).thenNothing();
    });

    it('escalates to the district when the deadline passes with nobody in the street', () => {
      const afterDeadline = new Date(NOW.getTime() + 25 * HOUR);
      spec(taskDecider, afterDeadline)
        .given(invited)
        .when({ type: 'ExpireInvitation', invitationId: 'inv-1', offer: offer('inv-2', ['bob'], ['bob', 'carol']) })
        .then([expired, escalated('deadline_passed'), sent('inv-2', 'bob', new Date(afterDeadline.getTime() + TTL).toISOString(), 'district')]);
    });

    it('waits, open, when nobody at all is left; a later offer reaches a new volunteer', () => {
      const exhausted = [created, escalated('street_exhausted'), sent('inv-1', 'carol', at(TTL), 'district'), { type: 'InvitationDeclined', data: { taskId, invitationId: 'inv-1', volunteerId: 'carol', reason: null } } as TaskEvent];
      spec(taskDecider).given(exhausted).when({ type: 'OfferAgain', offer: offer('inv-2', [], ['carol']) }).thenNothing();
      spec(taskDecider).given(exhausted).when({ type: 'OfferAgain', offer: offer('inv-2', [], ['carol', 'erin']) }).then([sent('inv-2', 'erin', at(TTL), 'district')]);
      spec(taskDecider).given(invited).when({ type: 'OfferAgain', offer: offer('inv-2', ['bob']) }).thenNothing();
    });
  });

  describe('doing the work', () => {
    const assigned = [created, sent('inv-1', 'alice'), ...accepted];

    it('lets the assignee start and complete with proof and hours', () => {
      spec(taskDecider).given(assigned).when({ type: 'StartTask', volunteerId: 'alice' }).then([{ type: 'TaskStarted', data: { taskId, volunteerId: 'alice', wishIds: ['wish-1'] } }]);
      spec(taskDecider).given(assigned).when({ type: 'CompleteTask', volunteerId: 'alice', proof, hours: 2 }).then([completed]);
    });

    it('refuses completion by anyone else, twice, or with impossible hours', () => {
      spec(taskDecider).given(assigned).when({ type: 'CompleteTask', volunteerId: 'bob', proof, hours: 2 }).thenError('not_task_assignee');
      spec(taskDecider).given([...assigned, completed]).when({ type: 'CompleteTask', volunteerId: 'alice', proof, hours: 2 }).thenError('task_already_completed');
      spec(taskDecider).given(assigned).when({ type: 'CompleteTask', volunteerId: 'alice', proof, hours: 0 }).thenError('hours_out_of_range', 'hours');
      spec(taskDecider).given(assigned).when({ type: 'CompleteTask', volunteerId: 'alice', proof, hours: 30 }).thenError('hours_out_of_range');
      spec(taskDecider).given([created, sent('inv-1', 'alice')]).when({ type: 'CompleteTask', volunteerId: 'alice', proof, hours: 2 }).thenError('task_not_assigned');
    });

    it('keeps personal data and control characters out of the proof, a decline reason and a cancel reason', () => {
      spec(taskDecider).given(assigned).when({ type: 'CompleteTask', volunteerId: 'alice', proof: { ...proof, notes: '已联系 13812345678' }, hours: 2 }).thenError('personal_data_in_text', 'notes');
      spec(taskDecider).given(assigned).when({ type: 'CompleteTask', volunteerId: 'alice', proof: { ...proof, notes: '  ' }, hours: 2 }).thenError('validation_failed', 'notes');
      spec(taskDecider)
        .given([created, sent('inv-1', 'alice')])
        .when({ type: 'DeclineInvitation', invitationId: 'inv-1', volunteerId: 'alice', reason: '身份证 11010519491231002X', offer: offer('inv-2', ['bob']) })
        .thenError('personal_data_in_text', 'reason');
      spec(taskDecider).given([created, sent('inv-1', 'alice')]).when({ type: 'CancelTask', reason: '请联系 139 1234 5678' }).thenError('personal_data_in_text', 'reason');
      spec(taskDecider).given([created, sent('inv-1', 'alice')]).when({ type: 'CancelTask', reason: '取消\u0007' }).thenError('validation_failed', 'reason');
    });

    it('requires the attendee count for an activity', () => {
      const activity: TaskEvent = { type: 'TaskCreated', data: { ...task, mode: 'activity', seats: 30, scheduledAt: at(48 * HOUR) } };
      spec(taskDecider).given([activity, sent('inv-1', 'alice'), ...accepted]).when({ type: 'CompleteTask', volunteerId: 'alice', proof, hours: 3 }).thenError('proof_attendees_required', 'proof.attendees');
    });

    it('cancels an open task, withdrawing its invitation, and refuses to cancel a completed one', () => {
      const cancelled: TaskEvent = { type: 'TaskCancelled', data: { taskId, wishIds: ['wish-1'], reason: '需求已由社区解决' } };
      spec(taskDecider).given([created, sent('inv-1', 'alice')]).when({ type: 'CancelTask', reason: '需求已由社区解决' }).then([cancelled]);
      spec(taskDecider).given([created, sent('inv-1', 'alice'), cancelled]).when({ type: 'AcceptInvitation', invitationId: 'inv-1', volunteerId: 'alice' }).thenError('invitation_withdrawn');
      spec(taskDecider).given([...assigned, completed]).when({ type: 'CancelTask', reason: 'x' }).thenError('task_already_completed');
    });
  });

  describe('reopen', () => {
    const done = [created, sent('inv-1', 'alice'), ...accepted, completed];
    const reopenCommand = (wishIds: string[]) => ({ type: 'ReopenTask' as const, wishIds, reason: '没有解决', deadline: at(48 * HOUR), offer: offer('inv-2', ['alice', 'bob']) });
    const reopened = (wishIds: string[]): TaskEvent => ({ type: 'TaskReopened', data: { taskId, wishIds, reason: '没有解决', deadline: at(48 * HOUR) } });

    it('re-dispatches a completed task in its street, in a new round', () => {
      spec(taskDecider).given(done).when(reopenCommand(['wish-1'])).then([reopened(['wish-1']), sent('inv-2', 'alice')]);
    });

    it('ignores wishes that are not the task\'s, and a reopen redelivered while the task is open again', () => {
      spec(taskDecider).given(done).when(reopenCommand(['wish-9'])).thenNothing();
      spec(taskDecider).given([...done, reopened(['wish-1']), sent('inv-2', 'alice')]).when(reopenCommand(['wish-1'])).thenNothing();
    });

    it('completes only the reopened wishes of an activity the second time', () => {
      const activity: TaskEvent = { type: 'TaskCreated', data: { ...task, mode: 'activity', source: { decisionId: 'decision-1', wishIds: ['wish-1', 'wish-2'] } } };
      const assignedBoth: TaskEvent = { type: 'TaskAssigned', data: { taskId, invitationId: 'inv-1', volunteerId: 'alice', wishIds: ['wish-1', 'wish-2'] } };
      const firstDone: TaskEvent = { type: 'TaskCompleted', data: { ...(completed.data as object), wishIds: ['wish-1', 'wish-2'], proof: { ...proof, attendees: 12 } } as never };
      const history = [activity, sent('inv-1', 'alice'), accepted[0]!, assignedBoth, firstDone, reopened(['wish-2']), sent('inv-2', 'alice')];
      const acceptAgain = [
        { type: 'InvitationAccepted', data: { taskId, invitationId: 'inv-2', volunteerId: 'alice' } } as TaskEvent,
        { type: 'TaskAssigned', data: { taskId, invitationId: 'inv-2', volunteerId: 'alice', wishIds: ['wish-2'] } } as TaskEvent,
      ];
      spec(taskDecider).given(history).when({ type: 'AcceptInvitation', invitationId: 'inv-2', volunteerId: 'alice' }).then(acceptAgain);
      spec(taskDecider)
        .given([...history, ...acceptAgain])
        .when({ type: 'CompleteTask', volunteerId: 'alice', proof: { ...proof, attendees: 1 }, hours: 1 })
        .then([{ type: 'TaskCompleted', data: { ...(completed.data as object), wishIds: ['wish-2'], proof: { ...proof, attendees: 1 }, hours: 1 } as never }]);
    });

    it('refuses to reopen a cancelled task', () => {
      spec(taskDecider).given([created, { type: 'TaskCancelled', data: { taskId, wishIds: ['wish-1'], reason: 'x' } }]).when(reopenCommand(['wish-1'])).thenError('task_cancelled');
    });
  });
});
