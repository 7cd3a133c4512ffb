import { type ActivityEvent, shanghaiToday } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import type { ActivityState } from '../activity.state';

/** `signupId` is the worker's device key digested with the activity id (see signupIdOf). */
export interface SignUp {
  type: 'SignUp';
  activityId: string;
  signupId: string;
}

export interface WithdrawSignUp {
  type: 'WithdrawSignUp';
  activityId: string;
  signupId: string;
}

/**
 * A place while places are free, then the waiting list, which is as long as the places at most.
 * Signing up again changes nothing (the same device, the same answer). Sign-up closes at the end
 * of the planned day.
 */
export function decideSignUp(command: SignUp, state: ActivityState, context: DecideContext): ActivityEvent[] | DomainError {
  const refusal = checkOpenForSignUp(state, context);
  if (refusal) return refusal;
  if (state.confirmed.includes(command.signupId) || state.waitlist.includes(command.signupId)) return [];
  const places = state.places!;
  const waitlisted = state.confirmed.length >= places;
  if (waitlisted && state.waitlist.length >= places) return stationsError('activity_full', '名额和候补均已满', 'activityId');
  return [{ type: 'ActivitySignedUp', data: { activityId: command.activityId, signupId: command.signupId, waitlisted } }];
}

/** Withdrawing frees the place for the first on the waiting list; an unknown sign-up changes nothing. */
export function decideWithdrawSignUp(command: WithdrawSignUp, state: ActivityState, context: DecideContext): ActivityEvent[] | DomainError {
  const refusal = checkOpenForSignUp(state, context);
  if (refusal) return refusal;
  const { activityId, signupId } = command;
  if (state.waitlist.includes(signupId)) return [{ type: 'ActivitySignUpWithdrawn', data: { activityId, signupId, waitlisted: true, promoted: null } }];
  if (!state.confirmed.includes(signupId)) return [];
  return [{ type: 'ActivitySignUpWithdrawn', data: { activityId, signupId, waitlisted: false, promoted: state.waitlist[0] ?? null } }];
}

function checkOpenForSignUp(state: ActivityState, context: DecideContext): DomainError | null {
  if (state.places === null) return stationsError('activity_takes_no_signups', '该活动无需报名，直接到场参加', 'activityId');
  if (state.status === 'held') return stationsError('activity_already_held', '活动已举办，报名已结束', 'activityId');
  if (state.plannedOn! < shanghaiToday(context.now)) return stationsError('activity_signup_closed', '活动日期已过，报名已结束', 'activityId');
  return null;
}
