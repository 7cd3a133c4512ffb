import type { ActivityEvent } from '@ws/contracts';
import { assertNever, type Decider } from '@ws/kernel';
import { stationsError } from '../errors';
import { type CancelActivity, decideCancelActivity } from './cancel-activity/cancel-activity.command';
import { decideHoldActivity, type HoldActivity } from './hold-activity/hold-activity.command';
import { decidePlanActivity, type PlanActivity } from './plan-activity/plan-activity.command';
import { decideRescheduleActivity, type RescheduleActivity } from './reschedule-activity/reschedule-activity.command';
import { decideSignUp, decideWithdrawSignUp, type SignUp, type WithdrawSignUp } from './sign-up/sign-up.command';
import { type ActivityState, evolveActivity, initialActivityState } from './activity.state';

export type ActivityCommand = PlanActivity | RescheduleActivity | CancelActivity | HoldActivity | SignUp | WithdrawSignUp;

/**
 * An activity (活动) as a decider. Only planning starts a stream; a cancelled activity takes
 * nothing more but its own cancellation again (which changes nothing).
 */
export const activityDecider: Decider<ActivityCommand, ActivityEvent, ActivityState> = {
  initialState: initialActivityState,
  evolve: evolveActivity,
  decide(command, state, context) {
    if (command.type === 'PlanActivity') return decidePlanActivity(command, state);
    if (state.status === 'none') return stationsError('activity_not_found', `活动 ${command.activityId} 不存在`, 'activityId');
    if (state.status === 'cancelled' && command.type !== 'CancelActivity') return stationsError('activity_cancelled', '活动已取消', 'activityId');
    switch (command.type) {
      case 'RescheduleActivity':
        return decideRescheduleActivity(command, state);
      case 'CancelActivity':
        return decideCancelActivity(command, state);
      case 'HoldActivity':
        return decideHoldActivity(command, state, context);
      case 'SignUp':
        return decideSignUp(command, state, context);
      case 'WithdrawSignUp':
        return decideWithdrawSignUp(command, state, context);
      default:
        return assertNever(command, 'activity command');
    }
  },
};
