import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Role } from '@ws/kernel';

/** Who allocates and adjusts budgets, and spends the node's own. */
export const FUND_OFFICERS: Role[] = ['province_officer', 'city_officer', 'district_officer'];
/** Who records spending: the officers, and a station's street and manager for its budget. */
export const SPENDERS: Role[] = [...FUND_OFFICERS, 'street_officer', 'station_manager'];

/** A controller of a budget use case: under /funds/budgets, in the API document's 经费 group, for signed-in officers. */
export const FundRoutes = () => applyDecorators(ApiTags('经费 funds'), ApiBearerAuth(), Controller('funds/budgets'));
