import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS_AND_MANAGER, StationRoutes } from '../station-routes';
import { ChangeFacilitiesDto, toChangeFacilities } from './change-facilities.dto';

@StationRoutes()
export class ChangeFacilitiesController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/facilities') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '更新设施清单' })
  facilities(@Param('id', uuidParam()) id: string, @Body() dto: ChangeFacilitiesDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toChangeFacilities(id, dto), p, v);
  }
}
