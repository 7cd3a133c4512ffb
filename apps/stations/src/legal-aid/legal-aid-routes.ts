import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Role } from '@ws/kernel';

/** Who handles legal-aid cases, each at their own station or street: every /legal-aid/cases route. */
export const LEGAL_HANDLERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];

/** A controller of a legal-aid case use case: under /legal-aid/cases, in the API document's 法律援助 group, for signed-in officers. */
export const LegalAidRoutes = () => applyDecorators(ApiTags('法律援助 legal aid'), ApiBearerAuth(), Controller('legal-aid/cases'));
