import type { FacilityCode, StationDetails, StationEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { sortFacilities } from '../../catalogue/standards';
import { stationsError } from '../../errors';
import { checkDetails, checkFacilities, checkManagerId, checkPlaceDetails, normaliseOpeningHours } from '../station.rules';
import type { StationState } from '../station.state';

export interface RegisterStation extends StationDetails {
  type: 'RegisterStation';
  stationId: string;
  managerId: string | null;
  facilities: FacilityCode[];
}

export function decideRegisterStation(command: RegisterStation, state: StationState): StationEvent[] | DomainError {
  if (state.status !== 'unregistered') {
    return stationsError('station_already_registered', `驿站 ${command.stationId} 已登记`, 'stationId');
  }
  const refusal = checkDetails(command) ?? checkPlaceDetails(command) ?? checkManagerId(command.managerId) ?? checkFacilities(command.facilities);
  if (refusal) return refusal;
  return [
    {
      type: 'StationRegistered',
      data: {
        stationId: command.stationId,
        name: command.name.trim(),
        kind: command.kind,
        tier: command.tier,
        host: command.host,
        streetCode: command.streetCode,
        communityCode: command.communityCode,
        address: command.address.trim(),
        location: { lng: command.location.lng, lat: command.location.lat },
        hours: normaliseOpeningHours(command.hours),
        seats: command.seats,
        contactPhone: command.contactPhone,
        managerId: command.managerId,
        facilities: sortFacilities(command.facilities),
      },
    },
  ];
}
