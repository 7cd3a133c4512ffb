import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Role } from '@ws/kernel';

/** Province and city nodes direct their subtrees; cities and districts are directed by their ancestors. */
export const ISSUERS: Role[] = ['province_officer', 'city_officer'];
export const RECEIVERS: Role[] = ['city_officer', 'district_officer'];

/** A controller of one directive use case: under /directives, in the API document's 指令 group, for signed-in officers. */
export const DirectiveRoutes = () => applyDecorators(ApiTags('指令 directives'), ApiBearerAuth(), Controller('directives'));
