import type { Role } from '@ws/kernel';
import { jobsError } from '../errors';

/** Who reviews employers and postings: the street's officers for their street, the district for all. */
export const REVIEWER_ROLES: Role[] = ['street_officer', 'district_officer'];
export const OFFICER_ROLES: Role[] = ['street_officer', 'station_manager', 'district_officer', 'city_officer', 'province_officer'];

/** A street code (district + 3 digits) inside the node this service serves. */
export function assertStreetInNode(streetCode: string, nodeCode: string, field = 'streetCode'): void {
  if (!/^[0-9a-z]{6}\d{3}$/.test(streetCode) || !streetCode.startsWith(nodeCode)) {
    throw jobsError('street_outside_node', `街道代码 ${streetCode} 不属于本节点 ${nodeCode}`, field);
  }
}

