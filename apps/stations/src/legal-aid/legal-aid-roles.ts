import type { Role } from '@ws/kernel';

/** Who handles legal-aid cases, each at their own station or street: every /legal-aid/cases route. */
export const LEGAL_HANDLERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];
