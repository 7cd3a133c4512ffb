import type {
  DemandDispatchMode,
  StatusNotified,
  WishCategory,
  WishCompleted,
  WishEscalationReason,
  WishKind,
  WishPostedData,
  WishRating,
  WishStatus,
  WishStreamEvent,
  WishUrgency,
} from '@ws/contracts';
import { assertNever, checkEventText, DecideContext, Decider, DomainError, isMobileOrIdNumber } from '@ws/kernel';
import { completionDeadline, WishPolicy } from './wish-policy';
import { wishesError } from '../errors';

export const WISH_TEXT_MAX = 2000;
export const WISH_REASON_MAX = 500;
export const WISH_PHOTOS_MAX = 9;

/** States a wish can still be late in: someone owes the author an answer. */
export const OPEN_WISH_STATUSES: readonly WishStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress'];
/** States in which others may say "me too" (附议) or merge a duplicate into the wish. */
const JOINABLE_STATUSES: readonly WishStatus[] = ['accepted', 'dispatched', 'in_progress'];

export interface WishState {
  status: 'none' | WishStatus;
  wishId: string;
  wishNo: string;
  kind: WishKind;
  stationId: string;
  streetCode: string;
  category: WishCategory;
  urgency: WishUrgency;
  authorKeyHash: string;
  contactRef: string | null;
  /** When the current owner must have acted: moderation, then completion. */
  deadline: string | null;
  confirmBy: string | null;
  /** A street officer's decision includes it; until dispatch creates the task it stays accepted. */
  decided: boolean;
  decisionId: string | null;
  mode: DemandDispatchMode | null;
  officerId: string | null;
  taskId: string | null;
  seconders: readonly string[];
  /** `${reason}@${deadline}`: a wish escalates once per reason and deadline. */
  escalations: readonly string[];
}

export type TaskProof = NonNullable<WishCompleted['data']['proof']>;

export type WishCommand =
  | { type: 'PostWish'; kind: WishKind; wish: Omit<WishPostedData, 'moderateBy'> }
  | { type: 'AcceptWish'; moderatorId: string }
  | { type: 'DeclineWish'; moderatorId: string; reason: string }
  | { type: 'MergeWish'; moderatorId: string; intoWishId: string }
  | { type: 'SecondWish'; seconderHash: string }
  | {
      type: 'IncludeInDecision';
      decisionId: string;
      mode: DemandDispatchMode;
      officerId: string;
      streetCode: string;
      category: WishCategory;
      answer: string | null;
    }
  | { type: 'MarkDispatched'; decisionId: string; taskId: string }
  | { type: 'ReturnToDemand'; taskId: string; reason: string }
  | { type: 'MarkInProgress'; taskId: string; volunteerId: string }
  | { type: 'CompleteByTask'; decisionId: string; taskId: string; proof: TaskProof }
  | { type: 'ConfirmWish'; authorKeyHash: string; rating: WishRating; comment: string | null }
  | { type: 'ReopenWish'; authorKeyHash: string; reason: string }
  | { type: 'EscalateOverdue' }
  | { type: 'EscalateNoVolunteer'; taskId: string }
  | { type: 'CloseUnconfirmed' };

export function initialWishState(): WishState {
  return {
    status: 'none',
    wishId: '',
    wishNo: '',
    kind: 'wish',
    stationId: '',
    streetCode: '',
    category: 'other',
    urgency: 'normal',
    authorKeyHash: '',
    contactRef: null,
    deadline: null,
    confirmBy: null,
    decided: false,
    decisionId: null,
    mode: null,
    officerId: null,
    taskId: null,
    seconders: [],
    escalations: [],
  };
}

/** The wish aggregate (心愿 / 建议): moderation, dispatch by the street, the author's answer. */
export function createWishDecider(policy: WishPolicy): Decider<WishCommand, WishStreamEvent, WishState> {
  return {
    initialState: initialWishState,
    evolve: evolveWish,
    decide: (command, state, context) => decideWish(policy, command, state, context),
  };
}

function decideWish(policy: WishPolicy, command: WishCommand, state: WishState, { now }: DecideContext): WishStreamEvent[] | DomainError {
  if (command.type === 'PostWish') return post(policy, command, state, now);
  if (state.status === 'none') return wishesError('wish_not_found', '没有这条心愿');
  const wishId = state.wishId;
  switch (command.type) {
    case 'AcceptWish': {
      if (state.status !== 'submitted') return statusConflict(state, '受理');
      const deadline = completionDeadline(policy, state.category, state.urgency, now);
      return withNotice(state, [
        { type: 'WishAccepted', data: { wishId, streetCode: state.streetCode, category: state.category, moderatorId: command.moderatorId, deadline } },
      ], 'accepted', null);
    }
    case 'DeclineWish': {
      if (state.status !== 'submitted') return statusConflict(state, '退回');
      const reason = checkEventText(command.reason, 'reason', { max: WISH_REASON_MAX, label: '退回理由' });
      if (reason instanceof DomainError) return reason;
      return withNotice(state, [{ type: 'WishDeclined', data: { wishId, reason, moderatorId: command.moderatorId } }], 'declined', reason);
    }
    case 'MergeWish': {
      if (state.status !== 'submitted' && !(state.status === 'accepted' && !state.decided)) return statusConflict(state, '合并');
      if (command.intoWishId === wishId) return wishesError('merge_target_invalid', '不能与自身合并', 'intoWishId');
      return withNotice(state, [
        { type: 'WishMerged', data: { wishId, intoWishId: command.intoWishId, moderatorId: command.moderatorId } },
        { type: 'WishClosed', data: { wishId, reason: 'merged' } },
      ], 'closed', '与相同的心愿合并，请关注合并后的心愿');
    }
    case 'SecondWish': {
      if (!JOINABLE_STATUSES.includes(state.status)) return statusConflict(state, '附议');
      if (state.seconders.includes(command.seconderHash)) return wishesError('already_seconded', '已经附议过这条心愿');
      return [{ type: 'WishSeconded', data: { wishId, seconderHash: command.seconderHash, seconds: state.seconders.length + 1 } }];
    }
    case 'IncludeInDecision':
      return includeInDecision(policy, command, state, now);
    case 'MarkDispatched': {
      if (state.taskId === command.taskId && state.status !== 'accepted') return [];
      if (state.status !== 'accepted' || !state.decided) return statusConflict(state, '派单');
      if (state.decisionId !== command.decisionId) return wishesError('wish_not_in_group', '任务不属于这条心愿所在的派单决定');
      return withNotice(state, [{ type: 'WishDispatched', data: { wishId, decisionId: command.decisionId, taskId: command.taskId } }], 'dispatched', null);
    }
    case 'ReturnToDemand': {
      const servedByTask = (state.status === 'dispatched' || state.status === 'in_progress') && state.taskId === command.taskId;
      if (!servedByTask) return [];
      return withNotice(state, [{ type: 'WishReturned', data: { wishId, taskId: command.taskId, reason: command.reason } }], 'accepted', command.reason);
    }
    case 'MarkInProgress': {
      if (state.status === 'in_progress' || state.status === 'completed' || state.status === 'closed') return [];
      if (state.status !== 'dispatched' || state.taskId !== command.taskId) return statusConflict(state, '开始服务');
      return withNotice(state, [{ type: 'WishInProgress', data: { wishId, taskId: command.taskId, volunteerId: command.volunteerId } }], 'in_progress', null);
    }
    case 'CompleteByTask': {
      if (state.status === 'completed' || state.status === 'closed') return [];
      const servedByTask = (state.status === 'dispatched' || state.status === 'in_progress') && state.taskId === command.taskId;
      // A completion can overtake the TaskCreated reaction when dispatch works faster than the bus.
      const decidedForIt = state.status === 'accepted' && state.decided && state.decisionId === command.decisionId;
      if (!servedByTask && !decidedForIt) return statusConflict(state, '完成');
      const completed: WishStreamEvent = {
        type: 'WishCompleted',
        data: { wishId, decisionId: command.decisionId, taskId: command.taskId, answer: null, proof: command.proof, confirmBy: confirmBy(policy, now) },
      };
      const dispatched: WishStreamEvent[] = decidedForIt
        ? [{ type: 'WishDispatched', data: { wishId, decisionId: command.decisionId, taskId: command.taskId } }]
        : [];
      return withNotice(state, [...dispatched, completed], 'completed', command.proof.notes || null);
    }
    case 'ConfirmWish': {
      if (state.status !== 'completed') return statusConflict(state, '确认');
      if (command.authorKeyHash !== state.authorKeyHash) return authorKeyInvalid();
      const comment = checkEventText(command.comment ?? '', 'comment', { max: WISH_REASON_MAX, label: '评价', allowEmpty: true, multiline: true });
      if (comment instanceof DomainError) return comment;
      return withNotice(state, [
        { type: 'WishConfirmed', data: { wishId, rating: command.rating, comment: comment || null } },
        { type: 'WishClosed', data: { wishId, reason: 'confirmed' } },
      ], 'closed', null);
    }
    case 'ReopenWish':
      return reopen(policy, command, state, now);
    case 'EscalateOverdue':
      if (!OPEN_WISH_STATUSES.includes(state.status) || !state.deadline || Date.parse(state.deadline) > now.getTime()) return [];
      return escalate(state, 'overdue');
    case 'EscalateNoVolunteer':
      if (!OPEN_WISH_STATUSES.includes(state.status) || state.taskId !== command.taskId) return [];
      return escalate(state, 'no_volunteer');
    case 'CloseUnconfirmed':
      if (state.status !== 'completed' || !state.confirmBy || Date.parse(state.confirmBy) > now.getTime()) return [];
      return withNotice(state, [{ type: 'WishClosed', data: { wishId, reason: 'not_confirmed_in_time' } }], 'closed', '逾期未确认，自动关闭');
    default:
      return assertNever(command, 'wish command');
  }
}

function post(policy: WishPolicy, command: Extract<WishCommand, { type: 'PostWish' }>, state: WishState, now: Date): WishStreamEvent[] | DomainError {
  if (state.status !== 'none') return wishesError('wish_exists', '心愿已存在');
  const text = checkEventText(command.wish.text, 'text', { max: WISH_TEXT_MAX, label: '内容', multiline: true });
  if (text instanceof DomainError) return text;
  if (command.wish.memberCard && isMobileOrIdNumber(command.wish.memberCard)) {
    return wishesError('personal_data_in_text', '会员卡号一栏填的像是手机号或身份证号：不填也可以提交', 'memberCard');
  }
  if (command.wish.photoRefs.length > WISH_PHOTOS_MAX) return wishesError('validation_failed', `照片最多 ${WISH_PHOTOS_MAX} 张`, 'photoRefs');
  const data: WishPostedData = { ...command.wish, text, moderateBy: new Date(now.getTime() + policy.moderationMs).toISOString() };
  const posted: WishStreamEvent = command.kind === 'wish' ? { type: 'WishPosted', data } : { type: 'SuggestionPosted', data };
  return [posted, notice(data.wishId, data.wishNo, data.contactRef, 'submitted', null, null)];
}

function includeInDecision(
  policy: WishPolicy,
  command: Extract<WishCommand, { type: 'IncludeInDecision' }>,
  state: WishState,
  now: Date,
): WishStreamEvent[] | DomainError {
  if (state.status !== 'accepted' || state.decided) return statusConflict(state, '纳入派单决定');
  if (state.streetCode !== command.streetCode || state.category !== command.category) {
    return wishesError('wish_not_in_group', `心愿 ${state.wishNo} 不在 ${command.streetCode} 的 ${command.category} 需求组里`, 'wishIds');
  }
  const wishId = state.wishId;
  const decided: WishStreamEvent = {
    type: 'WishDecided',
    data: { wishId, decisionId: command.decisionId, mode: command.mode, officerId: command.officerId },
  };
  if (command.mode !== 'answer_only') return [decided];
  if (!command.answer) return wishesError('decision_invalid', '答复方式须填写答复', 'answer');
  return withNotice(state, [
    decided,
    {
      type: 'WishCompleted',
      data: { wishId, decisionId: command.decisionId, taskId: null, answer: command.answer, proof: null, confirmBy: confirmBy(policy, now) },
    },
  ], 'completed', command.answer);
}

function reopen(policy: WishPolicy, command: Extract<WishCommand, { type: 'ReopenWish' }>, state: WishState, now: Date): WishStreamEvent[] | DomainError {
  if (state.status !== 'completed') return statusConflict(state, '重新打开');
  if (command.authorKeyHash !== state.authorKeyHash) return authorKeyInvalid();
  const reason = checkEventText(command.reason, 'reason', { max: WISH_REASON_MAX, label: '理由' });
  if (reason instanceof DomainError) return reason;
  const reopened: WishStreamEvent = {
    type: 'WishReopened',
    data: {
      wishId: state.wishId,
      reason,
      streetCode: state.streetCode,
      officerId: state.officerId ?? '',
      decisionId: state.decisionId ?? '',
      taskId: state.taskId,
      deadline: completionDeadline(policy, state.category, state.urgency, now),
    },
  };
  return withNotice(state, [reopened], state.taskId ? 'dispatched' : 'accepted', reason);
}

function escalate(state: WishState, reason: WishEscalationReason): WishStreamEvent[] {
  const deadline = state.deadline ?? '';
  if (state.escalations.includes(`${reason}@${deadline}`)) return [];
  return [{
    type: 'WishEscalated',
    data: {
      wishId: state.wishId,
      streetCode: state.streetCode,
      districtCode: state.streetCode.slice(0, 6),
      reason,
      deadline,
      status: state.status as WishStatus,
    },
  }];
}

function confirmBy(policy: WishPolicy, now: Date): string {
  return new Date(now.getTime() + policy.confirmationMs).toISOString();
}

function notice(wishId: string, wishNo: string, contactRef: string | null, status: WishStatus, previousStatus: WishStatus | null, message: string | null): StatusNotified {
  return { type: 'StatusNotified', data: { wishId, wishNo, status, previousStatus, message, contactRef } };
}

/** Every change of status is told to the author in the same append. */
function withNotice(state: WishState, events: WishStreamEvent[], status: WishStatus, message: string | null): WishStreamEvent[] {
  const previous = state.status === 'none' ? null : state.status;
  return [...events, notice(state.wishId, state.wishNo, state.contactRef, status, previous, message)];
}

function statusConflict(state: WishState, action: string): DomainError {
  return wishesError('wish_status_conflict', `心愿当前状态为 ${state.status}，不能${action}`, undefined, { currentStatus: state.status });
}

function authorKeyInvalid(): DomainError {
  return wishesError('author_key_invalid', '凭证与心愿不符', 'authorKey');
}

export function evolveWish(state: WishState, event: WishStreamEvent): WishState {
  switch (event.type) {
    case 'WishPosted':
    case 'SuggestionPosted': {
      const d = event.data;
      return {
        ...state,
        status: 'submitted',
        wishId: d.wishId,
        wishNo: d.wishNo,
        kind: event.type === 'WishPosted' ? 'wish' : 'suggestion',
        stationId: d.stationId,
        streetCode: d.streetCode,
        category: d.category,
        urgency: d.urgency,
        authorKeyHash: d.authorKeyHash,
        contactRef: d.contactRef,
        deadline: d.moderateBy,
      };
    }
    case 'WishAccepted':
      return { ...state, status: 'accepted', deadline: event.data.deadline };
    case 'WishMerged':
      return state;
    case 'WishDeclined':
      return { ...state, status: 'declined', deadline: null };
    case 'WishSeconded':
      return { ...state, seconders: [...state.seconders, event.data.seconderHash] };
    case 'WishDecided':
      return { ...state, decided: true, decisionId: event.data.decisionId, mode: event.data.mode, officerId: event.data.officerId };
    case 'WishDispatched':
      return { ...state, status: 'dispatched', taskId: event.data.taskId };
    case 'WishReturned':
      return { ...state, status: 'accepted', decided: false, mode: null, taskId: null };
    case 'WishInProgress':
      return { ...state, status: 'in_progress' };
    case 'WishCompleted':
      return { ...state, status: 'completed', confirmBy: event.data.confirmBy };
    case 'WishConfirmed':
      return state;
    case 'WishReopened':
      return event.data.taskId
        ? { ...state, status: 'dispatched', deadline: event.data.deadline, confirmBy: null }
        : { ...state, status: 'accepted', decided: false, mode: null, deadline: event.data.deadline, confirmBy: null };
    case 'WishClosed':
      return { ...state, status: 'closed', deadline: null, confirmBy: null };
    case 'WishEscalated':
      return { ...state, escalations: [...state.escalations, `${event.data.reason}@${event.data.deadline}`] };
    case 'StatusNotified':
      return state;
    default:
      return assertNever(event, 'wish event');
  }
}
