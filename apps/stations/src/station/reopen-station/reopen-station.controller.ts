import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS_AND_MANAGER, StationRoutes } from '../station-routes';
import { toReopenStation } from './reopen-station.dto';

@StationRoutes()
export class ReopenStationController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/reopen') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '恢复服务' })
  reopen(@Param('id', uuidParam()) id: string, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toReopenStation(id), p, v);
  }
}
