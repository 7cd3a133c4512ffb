import type { Principal } from './officer-token';

/** Where a person or a union is administered: the node and, within it, the street (null: the whole node). */
export interface PlaceScope {
  nodeCode: string;
  streetCode: string | null;
}

/**
 * Who may see a person's name, mobile and ID number unmasked (a member in membership, a
 * volunteer in dispatch): only the officers who administer the person's own place —
 *   - a district_officer of the node the person belongs to (not of a node above: a city or
 *     province officer supervises counts, not people), or
 *   - a street_officer of that node whose street is the person's street.
 * Everyone else (station managers, other streets, ancestors' officers, the public) sees masked data.
 */
export function mayDiscloseUnmasked(principal: Principal | undefined, person: PlaceScope): boolean {
  if (!principal || principal.node !== person.nodeCode) return false;
  if (principal.role === 'district_officer') return true;
  return principal.role === 'street_officer' && principal.street !== undefined && principal.street === person.streetCode;
}
