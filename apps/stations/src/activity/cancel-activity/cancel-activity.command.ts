import type { ActivityEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { checkText, REASON_MAX } from '../../station/station.rules';
import type { ActivityState } from '../activity.state';

export interface CancelActivity {
  type: 'CancelActivity';
  activityId: string;
  reason: string;
}

/** A planned activity may be called off; cancelling it again changes nothing. */
export function decideCancelActivity(command: CancelActivity, state: ActivityState): ActivityEvent[] | DomainError {
  if (state.status === 'cancelled') return [];
  if (state.status === 'held') return stationsError('activity_already_held', '活动已举办，不能取消', 'activityId');
  const refusal = checkText(command.reason, 'reason', REASON_MAX);
  if (refusal) return refusal;
  return [{ type: 'ActivityCancelled', data: { activityId: command.activityId, reason: command.reason.trim() } }];
}
