import type { Principal } from '@ws/kernel';

/**
 * Who may see a volunteer's name and mobile unmasked, as in membership: only the officers who
 * administer the volunteer's home street — a district_officer of this node, or the street_officer
 * of that street. Station managers, other streets and the officers of a node above (they
 * supervise counts, not people) see them masked.
 */
export function mayDiscloseUnmasked(principal: Principal, volunteer: { nodeCode: string; homeStreet: string }): boolean {
  if (principal.node !== volunteer.nodeCode) return false;
  if (principal.role === 'district_officer') return true;
  return principal.role === 'street_officer' && principal.street === volunteer.homeStreet;
}
