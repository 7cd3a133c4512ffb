import type { ServiceCode, StationStatus } from '@ws/contracts';
import { DomainError, type Principal } from '@ws/kernel';
import { stationsError, type StationsErrorCode } from '../errors';
import { checkPlace } from './station.rules';

/**
 * Where something a station or a street organises happens — an activity, a welfare handout: a
 * station (read from its stream when the command is taken), or a street of the node without one.
 */
export interface VenueStation {
  status: 'unregistered' | StationStatus;
  streetCode: string | null;
  services: ServiceCode[];
}

export interface VenueRequest {
  /** The node that records it: a street venue must be in one of its streets. */
  nodeCode: string;
  stationId: string | null;
  /** For a station the station's own street is used; required without one. */
  streetCode: string | null;
  /** The station as its stream stands now (null without a station). */
  station: VenueStation | null;
}

/** A station that exists and is not closed gives its street; without one, a street of this node. */
export function checkVenue(request: VenueRequest, closed: { code: StationsErrorCode; message: string }): { streetCode: string } | DomainError {
  if (request.stationId !== null) {
    const station = request.station;
    if (!station || station.status === 'unregistered' || !station.streetCode) {
      return stationsError('station_not_found', `驿站 ${request.stationId} 不存在`, 'stationId');
    }
    if (station.status === 'closed') return stationsError(closed.code, closed.message, 'stationId');
    return { streetCode: station.streetCode };
  }
  if (request.streetCode === null) return stationsError('invalid_street_code', '应在驿站或街道（乡镇）：请填写 stationId 或 streetCode', 'streetCode');
  const refusal = checkPlace(request.streetCode, null);
  if (refusal) return refusal;
  // A synthetic node (x…, in tests and sandboxes) has no division code to nest streets under.
  if (/^\d+$/.test(request.nodeCode) && !request.streetCode.startsWith(request.nodeCode)) {
    return stationsError('invalid_street_code', `街道 ${request.streetCode} 不在本级工会（${request.nodeCode}）辖区内`, 'streetCode');
  }
  return { streetCode: request.streetCode };
}

/** Street officers act in their street, station managers at their own station; higher officers anywhere in their node. */
export function assertMayActAt(principal: Principal | undefined, venue: { stationId: string | null; streetCode: string | null } | null, what: string): void {
  if (!principal) return;
  if (principal.role === 'street_officer' && venue?.streetCode && principal.street !== venue.streetCode) {
    throw stationsError('out_of_scope', `只能管理本街道的${what}`);
  }
  if (principal.role === 'station_manager' && principal.station !== venue?.stationId) {
    throw stationsError('out_of_scope', `只能管理本驿站的${what}`);
  }
}
