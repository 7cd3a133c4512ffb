import { DomainError, type PlaceScope, type Principal } from '@ws/kernel';

/**
 * Officers act on the unions they administer: a district officer on every union of the node, a
 * street officer on the unions of their street. (Node scope — the token's node covers this
 * node — is the AuthGuard's check; this is the finer one inside the node.)
 */
export function mayAdminister(principal: Principal, union: PlaceScope): boolean {
  if (principal.role === 'district_officer' || principal.role === 'city_officer' || principal.role === 'province_officer') return true;
  return principal.role === 'street_officer' && principal.street !== undefined && principal.street === union.streetCode;
}

export function assertMayAdminister(principal: Principal, union: PlaceScope): void {
  if (!mayAdminister(principal, union)) {
    throw new DomainError('out_of_scope', '只能处理本街道工会的事务', 'unionId');
  }
}

/** Who issued a command, as the event metadata records it. */
export function actorOf(principal: Principal | undefined): string {
  return principal ? `${principal.role}:${principal.subject}` : 'public';
}
