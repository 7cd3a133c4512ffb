import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS, StationRoutes } from '../station-routes';
import { PlanUpgradeDto, toPlanUpgrade } from './plan-upgrade.dto';

@StationRoutes()
export class PlanUpgradeController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/upgrade-plan') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '列入提升改造计划' })
  planUpgrade(@Param('id', uuidParam()) id: string, @Body() dto: PlanUpgradeDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toPlanUpgrade(id, dto), p, v);
  }
}
