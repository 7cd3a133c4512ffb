import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Role } from '@ws/kernel';

/** Who receives stock, hands it out and reads a handout's member cards: officers and station managers, each where they may act. */
export const KEEPERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];

/** A controller of a welfare use case: under /welfare, in the API document's 关爱物资 group, for signed-in officers. */
export const WelfareRoutes = () => applyDecorators(ApiTags('关爱物资 welfare'), ApiBearerAuth(), Controller('welfare'));
