import { type ActivityEvent, shanghaiToday } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { ACTIVITY_PHOTOS_MAX, checkActivityDate, checkCount, PARTICIPANTS_MAX } from '../activity.rules';
import type { ActivityState } from '../activity.state';

export interface HoldActivity {
  type: 'HoldActivity';
  activityId: string;
  heldOn: string;
  participants: number;
  /** Of the participants, how many are new-form workers (新就业形态劳动者). */
  newFormParticipants: number;
  photos: string[];
}

/** Records the day it was held and the people reached; a held activity's figures are final. */
export function decideHoldActivity(command: HoldActivity, state: ActivityState, context: DecideContext): ActivityEvent[] | DomainError {
  if (state.status === 'held') return stationsError('activity_already_held', '活动已登记举办情况', 'activityId');
  const refusal =
    checkActivityDate(command.heldOn, 'heldOn') ??
    (command.heldOn < state.plannedOn! ? stationsError('activity_held_before_planned', `举办日期早于计划日期 ${state.plannedOn}`, 'heldOn') : null) ??
    (command.heldOn > shanghaiToday(context.now) ? stationsError('activity_held_in_future', '举办日期晚于今天：活动举办后再登记', 'heldOn') : null) ??
    checkCount(command.participants, 'participants', PARTICIPANTS_MAX) ??
    checkCount(command.newFormParticipants, 'newFormParticipants', PARTICIPANTS_MAX) ??
    (command.newFormParticipants > command.participants
      ? stationsError('new_form_exceeds_participants', '新就业形态劳动者人数不能多于参加总人数', 'newFormParticipants')
      : null) ??
    (command.photos.length > ACTIVITY_PHOTOS_MAX ? stationsError('too_many_photos', `照片最多 ${ACTIVITY_PHOTOS_MAX} 张`, 'photos') : null);
  if (refusal) return refusal;
  const { activityId, heldOn, participants, newFormParticipants } = command;
  return [{ type: 'ActivityHeld', data: { activityId, heldOn, participants, newFormParticipants, photos: [...new Set(command.photos)] } }];
}
