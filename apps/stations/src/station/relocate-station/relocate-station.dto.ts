import { PlaceDto, toPlace } from '../shared/place.dto';
import type { RelocateStation } from './relocate-station.command';

/** The station's new place: street, community, address and coordinates together. */
export class RelocateStationDto extends PlaceDto {}

export function toRelocateStation(stationId: string, dto: RelocateStationDto): RelocateStation {
  return { type: 'RelocateStation', stationId, ...toPlace(dto) };
}
