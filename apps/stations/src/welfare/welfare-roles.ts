import type { Role } from '@ws/kernel';

/** Who receives stock, hands it out and reads a handout's member cards: officers and station managers, each where they may act. */
export const KEEPERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];
