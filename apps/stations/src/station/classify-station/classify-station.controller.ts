import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS, StationRoutes } from '../station-routes';
import { ClassifyStationDto, toClassifyStation } from './classify-station.dto';

@StationRoutes()
export class ClassifyStationController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/class') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '评定驿站类型：旗舰型或标准型' })
  classify(@Param('id', uuidParam()) id: string, @Body() dto: ClassifyStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toClassifyStation(id, dto), p, v);
  }
}
