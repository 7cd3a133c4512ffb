import { nodeCodeOfSubject, parseEventSubject } from '@ws/contracts';

/** What the directory knows of where a station belongs. */
export interface StationOrigin {
  origin_node: string | null;
  district_code: string;
}

/**
 * Why an event on `subject` may not speak for the station, or null when it comes from the
 * station's own node. A row registered before `origin_node` was kept is checked by its district.
 */
export function foreignToStation(station: StationOrigin, subject: string, stationId: string): string | null {
  const from = nodeCodeOfSubject(subject);
  const matches = station.origin_node !== null ? from === station.origin_node : parseEventSubject(subject).district === station.district_code;
  return matches ? null : `station ${stationId} belongs to node ${station.origin_node ?? station.district_code}; node ${from} may not speak for it`;
}
