import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS, StationRoutes } from '../station-routes';
import { AssignManagerDto, toAssignManager } from './assign-manager.dto';

@StationRoutes()
export class AssignManagerController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/manager') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '指定站长（站长负责制）' })
  manager(@Param('id', uuidParam()) id: string, @Body() dto: AssignManagerDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toAssignManager(id, dto), p, v);
  }
}
