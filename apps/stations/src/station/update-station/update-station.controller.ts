import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS_AND_MANAGER, StationRoutes } from '../station-routes';
import { toUpdateStation, UpdateStationDto } from './update-station.dto';

@StationRoutes()
export class UpdateStationController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/update') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '修改驿站信息（名称、类型、营业时间、座位、电话）' })
  update(@Param('id', uuidParam()) id: string, @Body() dto: UpdateStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toUpdateStation(id, dto), p, v);
  }
}
