import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS_AND_MANAGER, StationRoutes } from '../station-routes';
import { OfferServiceDto, toOfferService } from './offer-service.dto';

@StationRoutes()
export class OfferServiceController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/services') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '提供增值服务（义诊、法律咨询、急救培训、爱心托班…）及时间安排' })
  offerService(@Param('id', uuidParam()) id: string, @Body() dto: OfferServiceDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toOfferService(id, dto), p, v);
  }
}
