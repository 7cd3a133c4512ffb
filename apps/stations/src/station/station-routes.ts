import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Role } from '@ws/kernel';

export const OFFICERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer'];
export const DISTRICT_AND_ABOVE: Role[] = ['province_officer', 'city_officer', 'district_officer'];
export const OFFICERS_AND_MANAGER: Role[] = [...OFFICERS, 'station_manager'];

/** A controller of one station use case: under /stations, in the API document's 驿站管理 group, for signed-in officers. */
export const StationRoutes = () => applyDecorators(ApiTags('驿站管理 stations'), ApiBearerAuth(), Controller('stations'));
