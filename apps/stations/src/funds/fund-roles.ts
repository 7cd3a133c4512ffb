import type { Role } from '@ws/kernel';

/** Who allocates and adjusts budgets, and spends the node's own. */
export const FUND_OFFICERS: Role[] = ['province_officer', 'city_officer', 'district_officer'];
/** Who records spending: the officers, and a station's street and manager for its budget. */
export const SPENDERS: Role[] = [...FUND_OFFICERS, 'street_officer', 'station_manager'];
