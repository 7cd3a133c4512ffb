import { DomainError } from '@ws/kernel';
import type { Principal } from '@ws/kernel';

/**
 * Officers of a street (street officers, station managers bound to a street) act in their street
 * only; a street officer whose token names no street acts in none.
 */
export function assertStreetScope(principal: Principal | undefined, streetCode: string): void {
  const boundToStreet = principal?.role === 'street_officer' || principal?.street !== undefined;
  if (boundToStreet && principal?.street !== streetCode) {
    throw new DomainError('out_of_scope', `只能操作本街道（${principal.street}）的事务`, 'streetCode');
  }
}

/** A station manager bound to a station manages that station's rota only. */
export function assertStationScope(principal: Principal | undefined, stationId: string): void {
  if (principal?.role === 'station_manager' && principal.station && principal.station !== stationId) {
    throw new DomainError('out_of_scope', '只能管理本站点的轮值', 'stationId');
  }
}

/** A street code (9 digits: district + 3) inside the node this service serves. */
export function assertStreetInNode(streetCode: string, nodeCode: string): void {
  if (!/^[0-9a-z]{6}\d{3}$/.test(streetCode) || !streetCode.startsWith(nodeCode)) {
    throw new DomainError('street_outside_node', `街道代码 ${streetCode} 不属于本节点 ${nodeCode}`, 'homeStreet');
  }
}

export const OFFICER_ROLES = ['street_officer', 'station_manager', 'district_officer', 'city_officer', 'province_officer'] as const;
