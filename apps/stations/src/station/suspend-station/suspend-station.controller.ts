import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS_AND_MANAGER, StationRoutes } from '../station-routes';
import { SuspendStationDto, toSuspendStation } from './suspend-station.dto';

@StationRoutes()
export class SuspendStationController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/suspend') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '暂停服务（原因、预计恢复时间）' })
  suspend(@Param('id', uuidParam()) id: string, @Body() dto: SuspendStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toSuspendStation(id, dto), p, v);
  }
}
