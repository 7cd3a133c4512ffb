import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { ShowContactHandler } from './show-contact.handler';

/** Named `ContactController` still: the class name is in the OpenAPI operation id clients use. */
@ApiTags('心愿审核 moderation')
@ApiBearerAuth()
@Controller('wishes/:wishId/contact')
export class ContactController {
  constructor(private readonly handler: ShowContactHandler) {}

  @Get()
  @Roles('station_manager', 'street_officer', 'district_officer')
  @ApiOperation({ summary: '查看作者愿意留下的联系方式（仅本站点、本街道或区县；每次查看记入访问日志）' })
  contact(@Param('wishId', uuidParam('wishId')) wishId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.contact(wishId, principal);
  }
}
