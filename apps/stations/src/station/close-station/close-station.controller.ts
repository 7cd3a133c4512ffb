import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS, StationRoutes } from '../station-routes';
import { CloseStationDto, toCloseStation } from './close-station.dto';

@StationRoutes()
export class CloseStationController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/close') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '关闭驿站（不可恢复）' })
  close(@Param('id', uuidParam()) id: string, @Body() dto: CloseStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toCloseStation(id, dto), p, v);
  }
}
