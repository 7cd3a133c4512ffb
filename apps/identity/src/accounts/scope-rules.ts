import type { OfficerRole } from '@ws/contracts';
import { DomainError } from '@ws/kernel';
import type { AccountScope } from './account.events';
import { identityError } from '../identity.errors';

/** The node level each officer role belongs to; ops_admin runs any node. */
const ROLE_LEVEL: Record<OfficerRole, 2 | 4 | 6 | 'any'> = {
  province_officer: 2,
  city_officer: 4,
  district_officer: 6,
  street_officer: 6,
  station_manager: 6,
  ops_admin: 'any',
};

export const ROLE_TITLES: Record<OfficerRole, string> = {
  province_officer: '省总工会干部',
  city_officer: '市总工会干部',
  district_officer: '区县总工会干部',
  street_officer: '街道工会干部',
  station_manager: '站长',
  ops_admin: '运维管理员',
};

const STATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A scope that fits its node: the role of the node's level, a street of the node for a street
 * officer (its 9-digit 街道 code), a station for a manager, and nothing else.
 */
export function checkScope(scope: AccountScope): DomainError | undefined {
  const level = ROLE_LEVEL[scope.role];
  if (level !== 'any' && scope.node.length !== level) {
    return identityError('role_not_for_node', `${ROLE_TITLES[scope.role]}不能开设在节点 ${scope.node}`, 'role');
  }
  if (scope.role === 'street_officer') {
    if (!scope.street || !scope.street.startsWith(scope.node) || scope.street.length !== scope.node.length + 3) {
      return identityError('street_required', '街道工会干部须填写本节点下的街道代码', 'street');
    }
  } else if (scope.street !== undefined) {
    return identityError('street_not_allowed', '只有街道工会干部有街道范围', 'street');
  }
  if (scope.role === 'station_manager') {
    if (!scope.station || !STATION_ID.test(scope.station)) return identityError('station_required', '站长须填写所管驿站', 'station');
  } else if (scope.station !== undefined) {
    return identityError('station_not_allowed', '只有站长有驿站范围', 'station');
  }
  return undefined;
}

/** Roles whose officers manage the accounts of their node and the nodes below it. */
export const ACCOUNT_MANAGER_ROLES = ['province_officer', 'city_officer', 'district_officer'] as const satisfies readonly OfficerRole[];
