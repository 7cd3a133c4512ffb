import type { DemandActivity, DemandDispatchDecided, DemandDispatchMode, DemandStreamEvent, WishCategory } from '@ws/contracts';
import { assertNever, checkEventText, DecideContext, Decider, DomainError } from '@ws/kernel';
import { wishesError } from '../errors';

export const DECISION_MAX_WISHES = 200;
export const DECISION_TITLE_MAX = 100;
export const DECISION_ANSWER_MAX = 1000;
export const ACTIVITY_SEATS_MAX = 1000;

export interface DemandState {
  decided: boolean;
  decisionId: string;
}

export type DemandCommand = {
  type: 'DecideDispatch';
  decisionId: string;
  streetCode: string;
  category: WishCategory;
  mode: DemandDispatchMode;
  wishStations: { wishId: string; stationId: string }[];
  title: string;
  activity: DemandActivity | null;
  answer: string | null;
  deadline: string;
  officerId: string;
};

export function initialDemandState(): DemandState {
  return { decided: false, decisionId: '' };
}

/**
 * A street officer's decision on one group of the demand list (街道 × 类别). It is taken once;
 * the wishes it covers are marked in their own streams in the same transaction.
 */
export const demandDecider: Decider<DemandCommand, DemandStreamEvent, DemandState> = {
  initialState: initialDemandState,
  evolve(state, event) {
    switch (event.type) {
      case 'DemandDispatchDecided':
        return { decided: true, decisionId: event.data.decisionId };
      default:
        return assertNever(event.type, 'demand event');
    }
  },
  decide(command, state, { now }: DecideContext) {
    switch (command.type) {
      case 'DecideDispatch': {
        if (state.decided) return wishesError('decision_exists', '该派单决定已经作出');
        const refusal = refuse(command, now);
        if (refusal) return refusal;
        const { type: _type, wishStations, ...rest } = command;
        const decided: DemandDispatchDecided = {
          type: 'DemandDispatchDecided',
          data: { ...rest, title: command.title.trim(), wishIds: wishStations.map((w) => w.wishId), wishStations },
        };
        return [decided];
      }
      default:
        return assertNever(command.type, 'demand command');
    }
  },
};

function refuse(command: DemandCommand, now: Date): DomainError | null {
  const count = command.wishStations.length;
  if (count === 0 || count > DECISION_MAX_WISHES) return wishesError('decision_invalid', `一次决定须包含 1–${DECISION_MAX_WISHES} 条心愿`, 'wishIds');
  if (new Set(command.wishStations.map((w) => w.wishId)).size !== count) return wishesError('decision_invalid', '心愿重复', 'wishIds');
  const title = command.title.trim();
  if (!title || title.length > DECISION_TITLE_MAX) return wishesError('decision_invalid', `标题须为 1–${DECISION_TITLE_MAX} 字`, 'title');
  const texts = [checkEventText(title, 'title', { max: DECISION_TITLE_MAX, label: '标题' })];
  if (command.activity) texts.push(checkEventText(command.activity.title, 'activity.title', { max: DECISION_TITLE_MAX, label: '活动名称' }));
  if (command.answer) texts.push(checkEventText(command.answer, 'answer', { max: DECISION_ANSWER_MAX, label: '答复', multiline: true }));
  const textRefusal = texts.find((t): t is DomainError => t instanceof DomainError);
  if (textRefusal) return textRefusal;
  if (!(Date.parse(command.deadline) > now.getTime())) return wishesError('decision_invalid', '截止时间须晚于现在', 'deadline');
  switch (command.mode) {
    case 'individual_tasks':
      return command.activity || command.answer ? wishesError('decision_invalid', '逐条派单不带活动或答复', 'mode') : null;
    case 'activity': {
      const activity = command.activity;
      if (!activity) return wishesError('decision_invalid', '活动方式须填写活动', 'activity');
      if (!(Date.parse(activity.date) > now.getTime())) return wishesError('decision_invalid', '活动时间须晚于现在', 'activity.date');
      if (!Number.isInteger(activity.seats) || activity.seats < 1 || activity.seats > ACTIVITY_SEATS_MAX) {
        return wishesError('decision_invalid', `名额须为 1–${ACTIVITY_SEATS_MAX}`, 'activity.seats');
      }
      if (activity.seats < count) return wishesError('decision_invalid', `名额 ${activity.seats} 少于心愿数 ${count}`, 'activity.seats');
      return command.answer ? wishesError('decision_invalid', '活动方式不带答复', 'answer') : null;
    }
    case 'answer_only': {
      const answer = command.answer?.trim();
      if (!answer || answer.length > DECISION_ANSWER_MAX) return wishesError('decision_invalid', `答复须为 1–${DECISION_ANSWER_MAX} 字`, 'answer');
      return command.activity ? wishesError('decision_invalid', '答复方式不带活动', 'activity') : null;
    }
    default:
      return assertNever(command.mode, 'dispatch mode');
  }
}
