import { kernelError } from './error-status';
import { coversNode, type Principal, type Role } from './officer-token';

/**
 * What an action needs, for the one permission check every service makes:
 *   roles   who may do it at all (the guard checks a route's @Roles with it);
 *   node    the node acted on: the principal's node must cover it (it or an ancestor, never "");
 *   street  the street the thing belongs to (null: the whole node's, no street's);
 *   station the station it belongs to.
 * Officers of a province, city or district (and ops_admin, where a route admits it) act on all
 * of a node they cover; a street officer only on what names their street; a station manager on
 * what names their station, and on what names only a street when it is theirs or their token
 * names no street (a station's rota draws volunteers from any street of the node).
 */
export interface AccessRequirement {
  roles?: readonly Role[];
  node?: string;
  street?: string | null;
  station?: string;
  /** The request field a refusal names. */
  field?: string;
}

export type Refusal = { code: 'unauthenticated' | 'forbidden' | 'out_of_scope'; message: string };

/** Why the principal may not do it, or null when they may. */
export function refusalOf(principal: Principal | undefined, requirement: AccessRequirement): Refusal | null {
  if (!principal) return { code: 'unauthenticated', message: '需要登录（Bearer 令牌）' };
  const { roles, node, street, station } = requirement;
  if (roles && !roles.includes(principal.role)) return { code: 'forbidden', message: `该操作需要角色：${roles.join(', ')}` };
  if (node !== undefined && !coversNode(principal.node, node)) {
    return { code: 'out_of_scope', message: `令牌属于节点 ${principal.node || '（空）'}，不能操作节点 ${node}` };
  }
  switch (principal.role) {
    case 'province_officer':
    case 'city_officer':
    case 'district_officer':
    case 'ops_admin':
      return null;
    case 'street_officer':
      if (street === undefined && station === undefined) return null;
      return principal.street !== undefined && street === principal.street ? null : { code: 'out_of_scope', message: `只能处理本街道（${principal.street ?? '未指定'}）的事项` };
    case 'station_manager':
      if (street === undefined && station === undefined) return null;
      if (station !== undefined) return principal.station !== undefined && station === principal.station ? null : { code: 'out_of_scope', message: '只能处理本站点的事项' };
      return street !== null && (principal.street === undefined || street === principal.street) ? null : { code: 'out_of_scope', message: '只能处理本站点或本街道的事项' };
  }
}

/** The one permission check: returns when the principal may, throws the refusal (401/403) otherwise. */
export function authorize(principal: Principal | undefined, requirement: AccessRequirement): asserts principal is Principal {
  const refusal = refusalOf(principal, requirement);
  if (refusal) throw kernelError(refusal.code, refusal.message, requirement.field);
}

/** The same check as a yes/no, for filters (which of these may the principal act on). */
export function mayAct(principal: Principal | undefined, requirement: AccessRequirement): boolean {
  return refusalOf(principal, requirement) === null;
}

/**
 * What a list narrows to for the principal, by the same rules as refusalOf: a street officer sees
 * the rows that name their street, a station manager those that name their station; officers of a
 * node (and ops_admin) see all of it. 'nothing' when a street officer's or manager's token names no
 * street or station. A query filters by it, and each row it returns still passes mayAct.
 */
export type ListScope = { street?: string; station?: string } | 'nothing';

export function listScope(principal: Principal): ListScope {
  switch (principal.role) {
    case 'province_officer':
    case 'city_officer':
    case 'district_officer':
    case 'ops_admin':
      return {};
    case 'street_officer':
      return principal.street === undefined ? 'nothing' : { street: principal.street };
    case 'station_manager':
      return principal.station === undefined ? 'nothing' : { station: principal.station };
  }
}
