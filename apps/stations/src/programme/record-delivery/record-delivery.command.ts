import { isCalendarDate, quotaReachable, shanghaiToday, type ProgrammeEvent } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { checkVenue, type VenueRequest } from '../../station/venue';
import { DELIVERY_PEOPLE_MAX } from '../programme.rules';
import type { ProgrammeState } from '../programme.state';

export interface RecordDelivery extends VenueRequest {
  type: 'RecordDelivery';
  programmeId: string;
  deliveryId: string;
  deliveredOn: string;
  people: number;
  newFormPeople: number;
  places: number;
}

/**
 * People served on a day, within the programme's period and not after today, at an open station
 * or a street; the places left, and a share rule that the rest of the target can still meet.
 */
export function decideRecordDelivery(command: RecordDelivery, state: ProgrammeState, context: DecideContext): ProgrammeEvent[] | DomainError {
  const terms = state.terms;
  if (!terms) return stationsError('programme_not_found', `项目 ${command.programmeId} 不存在`, 'programmeId');
  if (state.status === 'closed') return stationsError('programme_closed', '项目已结束，不能再登记', 'programmeId');
  const venue = checkVenue(command, { code: 'programme_station_closed', message: '驿站已关闭，不能登记项目服务' });
  if ('code' in venue) return venue;
  const { people, newFormPeople, places, deliveredOn } = command;
  const refusal =
    (Number.isInteger(people) && people >= 1 && people <= DELIVERY_PEOPLE_MAX ? null : stationsError('invalid_count', `服务人次应为 1–${DELIVERY_PEOPLE_MAX} 的整数`, 'people')) ??
    (Number.isInteger(newFormPeople) && newFormPeople >= 0 && newFormPeople <= people
      ? null
      : stationsError('new_form_exceeds_participants', '新就业形态劳动者人次应为不多于服务人次的非负整数', 'newFormPeople')) ??
    (Number.isInteger(places) && places >= 0 ? null : stationsError('invalid_places', '使用场次/名额应为非负整数', 'places')) ??
    (isCalendarDate(deliveredOn) && deliveredOn >= terms.startsOn && deliveredOn <= terms.endsOn
      ? null
      : stationsError('invalid_delivery_date', `服务日期应在项目期间 ${terms.startsOn} 至 ${terms.endsOn} 内`, 'deliveredOn')) ??
    (deliveredOn <= shanghaiToday(context.now) ? null : stationsError('invalid_delivery_date', '服务日期晚于今天：发生后再登记', 'deliveredOn')) ??
    (terms.places === null || state.placesUsed + places <= terms.places
      ? null
      : stationsError('programme_places_exhausted', `场次/名额已用 ${state.placesUsed}/${terms.places}，不够再用 ${places}`, 'places', { placesUsed: state.placesUsed, places: terms.places })) ??
    quotaRefusal(terms, state, people, newFormPeople);
  if (refusal) return refusal;
  return [{
    type: 'ProgrammeDelivered',
    data: { programmeId: terms.programmeId, deliveryId: command.deliveryId, kind: terms.kind, stationId: command.stationId, streetCode: venue.streetCode, deliveredOn, people, newFormPeople, places },
  }];
}

/** The share rule must stay within reach: with this delivery, could the rest of the target still bring the share up? */
function quotaRefusal(terms: NonNullable<ProgrammeState['terms']>, state: ProgrammeState, people: number, newFormPeople: number) {
  const served = state.people + people;
  const newForm = state.newFormPeople + newFormPeople;
  if (quotaReachable(terms, served, newForm)) return null;
  const base = Math.max(terms.target, served);
  const needed = Math.ceil((terms.minNewFormSharePercent * base) / 100);
  return stationsError(
    'programme_quota_unreachable',
    `新就业形态劳动者应不少于总服务人次的 ${terms.minNewFormSharePercent}%：登记后共 ${served} 人次、其中 ${newForm} 人次，余下目标全是新就业形态劳动者也达不到 ${needed} 人次`,
    'newFormPeople',
    { minNewFormSharePercent: terms.minNewFormSharePercent, served, newForm, needed },
  );
}
