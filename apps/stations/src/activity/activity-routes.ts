import type { Role } from '@ws/kernel';
import type { ActivityOutcome } from './activity-commands';

/** Who may plan, move, cancel and record activities (and upload their photos): every officer and station managers; their scope is checked against the venue. */
export const ACTIVITY_ORGANISERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];

/** The answer of a recorded change: the stream's new version and the events it wrote. */
export function recorded({ activityId, version, events }: ActivityOutcome) {
  return { activityId, version, events };
}
