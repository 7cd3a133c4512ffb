import type { ActivityEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { checkActivityDate } from '../activity.rules';
import type { ActivityState } from '../activity.state';

export interface RescheduleActivity {
  type: 'RescheduleActivity';
  activityId: string;
  plannedOn: string;
}

/** Moves a planned activity to another day; sign-ups keep their places. */
export function decideRescheduleActivity(command: RescheduleActivity, state: ActivityState): ActivityEvent[] | DomainError {
  if (state.status === 'held') return stationsError('activity_already_held', '活动已举办，不能改期', 'activityId');
  const refusal = checkActivityDate(command.plannedOn, 'plannedOn');
  if (refusal) return refusal;
  if (command.plannedOn === state.plannedOn) return [];
  return [{ type: 'ActivityRescheduled', data: { activityId: command.activityId, plannedOn: command.plannedOn, previousPlannedOn: state.plannedOn! } }];
}
