import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS, StationRoutes } from '../station-routes';
import { RelocateStationDto, toRelocateStation } from './relocate-station.dto';

@StationRoutes()
export class RelocateStationController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/relocate') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '迁址' })
  relocate(@Param('id', uuidParam()) id: string, @Body() dto: RelocateStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toRelocateStation(id, dto), p, v);
  }
}
