import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { OfficerInboxQueryDto, OfficerReadDto } from './read-officer-inbox.dto';
import { ReadOfficerInboxHandler } from './read-officer-inbox.handler';

/** Officers' and station managers' inbox (站内信), read with their token, for the console. */
@ApiTags('站内信 inbox')
@ApiBearerAuth()
@Controller('officer-inbox')
export class ReadOfficerInboxController {
  constructor(private readonly handler: ReadOfficerInboxHandler) {}

  @Get()
  @Roles('station_manager', 'street_officer', 'district_officer', 'city_officer', 'province_officer')
  @ApiOperation({ summary: '我的站内信：站长（本站点、本节点全体站长）、街道干部（本街道）、区县/市/省干部（本节点）' })
  list(@Query() query: OfficerInboxQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.list(query, principal);
  }

  @Post('read')
  @HttpCode(200)
  @Roles('station_manager', 'street_officer', 'district_officer', 'city_officer', 'province_officer')
  @ApiOperation({ summary: '标为已读' })
  read(@Body() dto: OfficerReadDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.read(dto, principal);
  }
}
