import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Role } from '@ws/kernel';

/** Who launches and closes programmes: the officers of a node. */
export const PROGRAMME_OWNERS: Role[] = ['province_officer', 'city_officer', 'district_officer'];
/** Who records what a programme served: the officers, and a street or station for its own venue. */
export const DELIVERERS: Role[] = [...PROGRAMME_OWNERS, 'street_officer', 'station_manager'];

/** A controller of a programme use case (民生实事项目): under /programmes, in the API document's 民生实事 group, for signed-in officers. */
export const ProgrammeRoutes = () => applyDecorators(ApiTags('民生实事 programmes'), ApiBearerAuth(), Controller('programmes'));
