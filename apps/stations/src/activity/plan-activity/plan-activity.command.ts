import { type ActivityEvent, type ActivityKind, isActivityKind, isServiceCode, type ServiceCode } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { checkText, NAME_MAX } from '../../station/station.rules';
import { checkVenue, type VenueRequest } from '../../station/venue';
import { ACTIVITY_TITLE_MAX, checkActivityDate, checkPartners, PLACES_MAX } from '../activity.rules';
import type { ActivityState } from '../activity.state';

export interface PlanActivity extends VenueRequest {
  type: 'PlanActivity';
  activityId: string;
  kind: ActivityKind;
  title: string;
  organiser: string;
  partners: string[];
  plannedOn: string;
  places: number | null;
  service: ServiceCode | null;
}

export function decidePlanActivity(command: PlanActivity, state: ActivityState): ActivityEvent[] | DomainError {
  if (state.status !== 'none') return stationsError('activity_already_planned', `活动 ${command.activityId} 已存在`, 'activityId');
  const venue = checkVenue(command, { code: 'activity_station_closed', message: '驿站已关闭，不能在此安排活动' });
  if ('code' in venue) return venue;
  const refusal =
    (isActivityKind(command.kind) ? null : stationsError('unknown_activity_kind', `未知活动类型：${String(command.kind)}`, 'kind')) ??
    checkText(command.title, 'title', ACTIVITY_TITLE_MAX) ??
    checkText(command.organiser, 'organiser', NAME_MAX) ??
    checkPartners(command.partners) ??
    checkActivityDate(command.plannedOn, 'plannedOn') ??
    checkPlaces(command.places) ??
    checkService(command);
  if (refusal) return refusal;
  return [
    {
      type: 'ActivityPlanned',
      data: {
        activityId: command.activityId,
        stationId: command.stationId,
        streetCode: venue.streetCode,
        kind: command.kind,
        title: command.title.trim(),
        organiser: command.organiser.trim(),
        partners: [...new Set(command.partners.map((p) => p.trim()))],
        plannedOn: command.plannedOn,
        places: command.places,
        service: command.service,
      },
    },
  ];
}

function checkPlaces(places: number | null) {
  if (places !== null && (!Number.isInteger(places) || places < 1 || places > PLACES_MAX)) {
    return stationsError('invalid_places', `报名名额应为 1–${PLACES_MAX} 的整数，不接受报名时不填`, 'places');
  }
  return null;
}

/** The service package delivered must be one the station offers (a street activity names any). */
function checkService(command: PlanActivity) {
  if (command.service === null) return null;
  if (!isServiceCode(command.service)) return stationsError('unknown_service', `未知服务：${String(command.service)}`, 'service');
  if (command.station && !command.station.services.includes(command.service)) {
    return stationsError('service_not_offered', '驿站未提供该项增值服务', 'service');
  }
  return null;
}
