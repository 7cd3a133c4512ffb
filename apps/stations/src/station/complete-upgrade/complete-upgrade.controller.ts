import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS, StationRoutes } from '../station-routes';
import { toCompleteUpgrade } from './complete-upgrade.dto';

@StationRoutes()
export class CompleteUpgradeController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/upgrade-complete') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '提升改造完成' })
  completeUpgrade(@Param('id', uuidParam()) id: string, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toCompleteUpgrade(id), p, v);
  }
}
