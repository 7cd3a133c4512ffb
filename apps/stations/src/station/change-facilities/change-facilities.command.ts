import type { FacilityCode, StationEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { sortFacilities } from '../../catalogue/standards';
import { checkFacilities } from '../station.rules';
import type { StationState } from '../station.state';

/** The station's full facility list after the change (not a delta: a re-sent request changes nothing). */
export interface ChangeFacilities {
  type: 'ChangeFacilities';
  stationId: string;
  facilities: FacilityCode[];
}

export function decideChangeFacilities(command: ChangeFacilities, state: StationState): StationEvent[] | DomainError {
  const refusal = checkFacilities(command.facilities);
  if (refusal) return refusal;
  const facilities = sortFacilities(command.facilities);
  const added = facilities.filter((code) => !state.facilities.includes(code));
  const removed = state.facilities.filter((code) => !facilities.includes(code));
  if (added.length === 0 && removed.length === 0) return [];
  return [{ type: 'FacilitiesChanged', data: { stationId: command.stationId, facilities, added, removed } }];
}
