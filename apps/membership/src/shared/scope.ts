import type { AccessRequirement, PlaceScope, Principal, Role } from '@ws/kernel';

const UNION_ADMINISTRATORS: Role[] = ['district_officer', 'city_officer', 'province_officer', 'street_officer'];

/**
 * What administering a union takes (for authorize / mayAct in @ws/kernel): an officer of the node
 * or above, or a street officer of the union's street. (The node itself is the guard's check.)
 */
export function administering(union: PlaceScope): AccessRequirement {
  return { roles: UNION_ADMINISTRATORS, street: union.streetCode, field: 'unionId' };
}

/** Who issued a command, as the event metadata records it. */
export function actorOf(principal: Principal | undefined): string {
  return principal ? `${principal.role}:${principal.subject}` : 'public';
}
