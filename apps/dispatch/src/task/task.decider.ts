import type {
  CompletionProof,
  DispatchScope,
  TaskCreated,
  TaskEvent,
  TaskMode,
  VolunteerSkill,
} from '@ws/contracts';
import { assertNever, checkEventText, DecideContext, Decider, DomainError } from '@ws/kernel';
import { taskErrors } from './task.errors';
import { dispatchError } from '../dispatch.errors';

export const MAX_TASK_HOURS = 24;
export const TASK_REASON_MAX = 500;
export const PROOF_NOTES_MAX = 4000;
export const PROOF_PHOTOS_MAX = 20;

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export interface InvitationState {
  volunteerId: string;
  status: InvitationStatus;
  expiresAt: string;
}

export type TaskStatus = 'none' | 'open' | 'assigned' | 'started' | 'completed' | 'cancelled';

export interface TaskState {
  status: TaskStatus;
  taskId: string;
  decisionId: string;
  streetCode: string;
  stationId: string | null;
  mode: TaskMode;
  requiredSkill: VolunteerSkill;
  scheduledAt: string | null;
  deadline: string;
  /** Every wish the task was created for. */
  wishIds: readonly string[];
  /** The wishes the next completion answers: all of them, or after a reopen the reopened ones. */
  activeWishIds: readonly string[];
  scope: DispatchScope;
  invitations: Readonly<Record<string, InvitationState>>;
  pendingInvitationId: string | null;
  /** Volunteers asked in the current round; a reopen starts a new round. */
  asked: readonly string[];
  assignee: string | null;
}

/**
 * The next invitation, chosen outside the decider (rankCandidates over the volunteer board):
 * the street's candidates and the district's, best first. The decider skips whoever was already
 * asked in this round and escalates when the street has nobody left or the deadline has passed.
 */
export interface Offer {
  invitationId: string;
  streetCandidates: readonly string[];
  districtCandidates: readonly string[];
  /** The node whose volunteers are asked after an escalation. */
  district: string;
  invitationTtlMs: number;
}

export type TaskCommand =
  | { type: 'CreateTask'; task: TaskCreated['data']; offer: Offer }
  | { type: 'AcceptInvitation'; invitationId: string; volunteerId: string }
  | { type: 'DeclineInvitation'; invitationId: string; volunteerId: string; reason: string | null; offer: Offer }
  | { type: 'ExpireInvitation'; invitationId: string; offer: Offer }
  | { type: 'OfferAgain'; offer: Offer }
  | { type: 'StartTask'; volunteerId: string }
  | { type: 'CompleteTask'; volunteerId: string; proof: CompletionProof; hours: number }
  | { type: 'ReopenTask'; wishIds: readonly string[]; reason: string; deadline: string; offer: Offer }
  | { type: 'CancelTask'; reason: string };

export function initialTaskState(): TaskState {
  return {
    status: 'none',
    taskId: '',
    decisionId: '',
    streetCode: '',
    stationId: null,
    mode: 'individual',
    requiredSkill: 'general',
    scheduledAt: null,
    deadline: '',
    wishIds: [],
    activeWishIds: [],
    scope: 'street',
    invitations: {},
    pendingInvitationId: null,
    asked: [],
    assignee: null,
  };
}

export function decideTask(command: TaskCommand, state: TaskState, context: DecideContext): TaskEvent[] | DomainError {
  if (command.type === 'CreateTask') {
    if (state.status !== 'none') return taskErrors.alreadyExists();
    const created: TaskEvent = { type: 'TaskCreated', data: command.task };
    const opened = evolveTask(state, created);
    return [created, ...offerNext(opened, command.offer, context.now)];
  }
  if (state.status === 'none') return taskErrors.notFound();

  switch (command.type) {
    case 'AcceptInvitation': {
      const invitation = respondable(state, command.invitationId, command.volunteerId, context.now);
      if (invitation instanceof DomainError) return invitation;
      const { taskId } = state;
      return [
        { type: 'InvitationAccepted', data: { taskId, invitationId: command.invitationId, volunteerId: command.volunteerId } },
        { type: 'TaskAssigned', data: { taskId, invitationId: command.invitationId, volunteerId: command.volunteerId, wishIds: [...state.activeWishIds] } },
      ];
    }
    case 'DeclineInvitation': {
      const invitation = respondable(state, command.invitationId, command.volunteerId, context.now);
      if (invitation instanceof DomainError) return invitation;
      const reason = checkEventText(command.reason ?? '', 'reason', { max: TASK_REASON_MAX, label: '谢绝原因', allowEmpty: true });
      if (reason instanceof DomainError) return reason;
      const declined: TaskEvent = {
        type: 'InvitationDeclined',
        data: { taskId: state.taskId, invitationId: command.invitationId, volunteerId: command.volunteerId, reason: reason || null },
      };
      return [declined, ...offerNext(evolveTask(state, declined), command.offer, context.now)];
    }
    case 'ExpireInvitation': {
      const invitation = state.invitations[command.invitationId];
      // Idempotent: the scheduler may run twice or late; only a pending invitation past its time expires.
      if (!invitation || invitation.status !== 'pending' || context.now.getTime() < Date.parse(invitation.expiresAt)) return [];
      const expired: TaskEvent = {
        type: 'InvitationExpired',
        data: { taskId: state.taskId, invitationId: command.invitationId, volunteerId: invitation.volunteerId },
      };
      return [expired, ...offerNext(evolveTask(state, expired), command.offer, context.now)];
    }
    case 'OfferAgain':
      if (state.status !== 'open' || state.pendingInvitationId !== null) return [];
      return offerNext(state, command.offer, context.now);
    case 'StartTask': {
      const refusal = assigneeCheck(state, command.volunteerId);
      if (refusal) return refusal;
      if (state.status === 'started') return taskErrors.alreadyStarted();
      return [{ type: 'TaskStarted', data: { taskId: state.taskId, volunteerId: command.volunteerId, wishIds: [...state.activeWishIds] } }];
    }
    case 'CompleteTask': {
      const refusal = assigneeCheck(state, command.volunteerId);
      if (refusal) return refusal;
      if (!(command.hours > 0 && command.hours <= MAX_TASK_HOURS)) return taskErrors.hoursOutOfRange(MAX_TASK_HOURS);
      if (state.mode === 'activity' && command.proof.attendees === null) return taskErrors.attendeesRequired();
      const notes = checkEventText(command.proof.notes, 'notes', { max: PROOF_NOTES_MAX, label: '完成情况说明', multiline: true });
      if (notes instanceof DomainError) return notes;
      if (command.proof.photoRefs.length > PROOF_PHOTOS_MAX) return dispatchError('validation_failed', `照片最多 ${PROOF_PHOTOS_MAX} 张`, 'photoRefs');
      return [
        {
          type: 'TaskCompleted',
          data: {
            taskId: state.taskId,
            wishIds: [...state.activeWishIds],
            decisionId: state.decisionId,
            volunteerId: command.volunteerId,
            streetCode: state.streetCode,
            stationId: state.stationId,
            proof: { ...command.proof, notes },
            hours: command.hours,
          },
        },
      ];
    }
    case 'ReopenTask':
      return reopen(state, command, context.now);
    case 'CancelTask':
      if (state.status === 'completed') return taskErrors.alreadyCompleted();
      if (state.status === 'cancelled') return taskErrors.cancelled();
      const reason = checkEventText(command.reason, 'reason', { max: TASK_REASON_MAX, label: '取消原因' });
      if (reason instanceof DomainError) return reason;
      return [{ type: 'TaskCancelled', data: { taskId: state.taskId, wishIds: [...state.activeWishIds], reason } }];
    default:
      return assertNever(command, 'task command');
  }
}

/** An invitation the volunteer may still accept or decline, or the reason they may not. */
function respondable(state: TaskState, invitationId: string, volunteerId: string, now: Date): InvitationState | DomainError {
  const invitation = state.invitations[invitationId];
  if (!invitation) return taskErrors.invitationNotFound();
  if (invitation.volunteerId !== volunteerId) return taskErrors.invitationNotYours();
  switch (invitation.status) {
    case 'accepted':
      return taskErrors.alreadyAccepted();
    case 'declined':
      return taskErrors.alreadyDeclined();
    case 'expired':
      return taskErrors.expired();
    case 'withdrawn':
      return taskErrors.withdrawn();
    case 'pending':
      // Past its time but not yet swept by the scheduler: too late all the same.
      return now.getTime() >= Date.parse(invitation.expiresAt) ? taskErrors.expired() : invitation;
    default:
      return assertNever(invitation.status, 'invitation status');
  }
}

function assigneeCheck(state: TaskState, volunteerId: string): DomainError | null {
  if (state.status === 'completed') return taskErrors.alreadyCompleted();
  if (state.status === 'cancelled') return taskErrors.cancelled();
  if (state.status === 'open') return taskErrors.notAssigned();
  return state.assignee === volunteerId ? null : taskErrors.notAssignee();
}

/**
 * A completed task is dispatched again for the reopened wishes. While the task is still in
 * progress a reopened wish (another participant of the same activity) only joins the wishes
 * the completion will answer; a wish already among them changes nothing (redelivery).
 */
function reopen(state: TaskState, command: Extract<TaskCommand, { type: 'ReopenTask' }>, now: Date): TaskEvent[] | DomainError {
  if (state.status === 'cancelled') return taskErrors.cancelled();
  const ownWishes = command.wishIds.filter((id) => state.wishIds.includes(id));
  if (ownWishes.length === 0) return [];
  const reopened = (wishIds: string[]): TaskEvent => ({
    type: 'TaskReopened',
    data: { taskId: state.taskId, wishIds, reason: command.reason, deadline: command.deadline },
  });
  if (state.status !== 'completed') {
    const added = ownWishes.filter((id) => !state.activeWishIds.includes(id));
    return added.length === 0 ? [] : [reopened(added)];
  }
  const event = reopened(ownWishes);
  return [event, ...offerNext(evolveTask(state, event), command.offer, now)];
}

/**
 * Invite the best volunteer not yet asked: in the street while it has candidates and the
 * deadline has not passed, otherwise escalate once to the district. With nobody left the task
 * waits, open, for the scheduler to offer it again when new volunteers appear.
 */
function offerNext(state: TaskState, offer: Offer, now: Date): TaskEvent[] {
  const events: TaskEvent[] = [];
  const firstNotAsked = (candidates: readonly string[]) => candidates.find((id) => !state.asked.includes(id));
  let scope = state.scope;
  if (scope === 'street') {
    const deadlinePassed = now.getTime() >= Date.parse(state.deadline);
    const next = deadlinePassed ? undefined : firstNotAsked(offer.streetCandidates);
    if (next) return [invitation(state, offer, next, 'street', now)];
    events.push({
      type: 'TaskEscalated',
      data: {
        taskId: state.taskId,
        fromStreet: state.streetCode,
        toDistrict: offer.district,
        reason: deadlinePassed ? 'deadline_passed' : 'street_exhausted',
        wishIds: [...state.activeWishIds],
      },
    });
    scope = 'district';
  }
  const next = firstNotAsked(offer.districtCandidates);
  if (next) events.push(invitation(state, offer, next, scope, now));
  return events;
}

function invitation(state: TaskState, offer: Offer, volunteerId: string, scope: DispatchScope, now: Date): TaskEvent {
  const ttlEnd = now.getTime() + offer.invitationTtlMs;
  // In the street an invitation never outlives the deadline: its expiry is what escalates the task.
  const deadline = Date.parse(state.deadline);
  const expiresAt = scope === 'street' && deadline < ttlEnd ? deadline : ttlEnd;
  return {
    type: 'InvitationSent',
    data: { taskId: state.taskId, invitationId: offer.invitationId, volunteerId, scope, expiresAt: new Date(expiresAt).toISOString() },
  };
}

function settle(state: TaskState, invitationId: string, status: InvitationStatus): TaskState {
  const invitation = state.invitations[invitationId];
  if (!invitation) return state;
  return {
    ...state,
    invitations: { ...state.invitations, [invitationId]: { ...invitation, status } },
    pendingInvitationId: state.pendingInvitationId === invitationId ? null : state.pendingInvitationId,
  };
}

export function evolveTask(state: TaskState, event: TaskEvent): TaskState {
  switch (event.type) {
    case 'TaskCreated': {
      const d = event.data;
      return {
        ...initialTaskState(),
        status: 'open',
        taskId: d.taskId,
        decisionId: d.source.decisionId,
        streetCode: d.streetCode,
        stationId: d.stationId,
        mode: d.mode,
        requiredSkill: d.requiredSkill,
        scheduledAt: d.scheduledAt,
        deadline: d.deadline,
        wishIds: d.source.wishIds,
        activeWishIds: d.source.wishIds,
      };
    }
    case 'InvitationSent':
      return {
        ...state,
        scope: event.data.scope,
        invitations: { ...state.invitations, [event.data.invitationId]: { volunteerId: event.data.volunteerId, status: 'pending', expiresAt: event.data.expiresAt } },
        pendingInvitationId: event.data.invitationId,
        asked: [...state.asked, event.data.volunteerId],
      };
    case 'InvitationAccepted':
      return settle(state, event.data.invitationId, 'accepted');
    case 'InvitationDeclined':
      return settle(state, event.data.invitationId, 'declined');
    case 'InvitationExpired':
      return settle(state, event.data.invitationId, 'expired');
    case 'TaskAssigned':
      return { ...state, status: 'assigned', assignee: event.data.volunteerId };
    case 'TaskStarted':
      return { ...state, status: 'started' };
    case 'TaskEscalated':
      return { ...state, scope: 'district' };
    case 'TaskCompleted':
      return { ...state, status: 'completed' };
    case 'TaskReopened':
      if (state.status !== 'completed') return { ...state, activeWishIds: [...state.activeWishIds, ...event.data.wishIds] };
      return {
        ...state,
        status: 'open',
        scope: 'street',
        deadline: event.data.deadline,
        activeWishIds: event.data.wishIds,
        asked: [],
        assignee: null,
      };
    case 'TaskCancelled':
      return {
        ...(state.pendingInvitationId ? settle(state, state.pendingInvitationId, 'withdrawn') : state),
        status: 'cancelled',
      };
    default:
      return assertNever(event, 'task event');
  }
}

export const taskDecider: Decider<TaskCommand, TaskEvent, TaskState> = {
  decide: decideTask,
  evolve: evolveTask,
  initialState: initialTaskState,
};
