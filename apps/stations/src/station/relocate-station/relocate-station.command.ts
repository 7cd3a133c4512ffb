import { isDeepStrictEqual } from 'node:util';
import type { StationEvent, StationPlace } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { checkPlaceDetails } from '../station.rules';
import type { StationState } from '../station.state';

export interface RelocateStation extends StationPlace {
  type: 'RelocateStation';
  stationId: string;
}

export function decideRelocateStation(command: RelocateStation, state: StationState): StationEvent[] | DomainError {
  const refusal = checkPlaceDetails(command);
  if (refusal) return refusal;
  const place: StationPlace = {
    streetCode: command.streetCode,
    communityCode: command.communityCode,
    address: command.address.trim(),
    location: { lng: command.location.lng, lat: command.location.lat },
  };
  const { streetCode, communityCode, address, location } = state.details!;
  if (isDeepStrictEqual(place, { streetCode, communityCode, address, location })) return [];
  return [{ type: 'StationRelocated', data: { stationId: command.stationId, ...place } }];
}
