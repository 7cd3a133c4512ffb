import { DomainError, Principal } from '@ws/kernel';

/** Where a wish or a report belongs: its station and street. */
export interface Place {
  stationId?: string;
  streetCode: string;
}

/**
 * A station manager acts for their station, a street officer for their street, officers of a
 * district or above for everything of the node (the guard already checked the node).
 */
export function assertActsFor(principal: Principal, place: Place): void {
  switch (principal.role) {
    case 'station_manager':
      if (!place.stationId || principal.station !== place.stationId) throw outOfScope('只能处理本站点的心愿');
      return;
    case 'street_officer':
      if (principal.street !== place.streetCode) throw outOfScope(`只能处理本街道（${principal.street ?? '未指定'}）的事项`);
      return;
    case 'district_officer':
    case 'city_officer':
    case 'province_officer':
      return;
  }
}

function outOfScope(message: string): DomainError {
  return new DomainError('out_of_scope', message);
}

/** A 街道 code of this node: the node's district code followed by three characters. */
export function isStreetOfNode(streetCode: string, nodeCode: string): boolean {
  return streetCode.length === nodeCode.length + 3 && streetCode.startsWith(nodeCode) && /^[0-9a-z]+$/.test(streetCode);
}
