import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS_AND_MANAGER, StationRoutes } from '../station-routes';
import { toWithdrawService, WithdrawServiceDto } from './withdraw-service.dto';

@StationRoutes()
export class WithdrawServiceController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/services/withdraw') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '停止某项增值服务' })
  withdrawService(@Param('id', uuidParam()) id: string, @Body() dto: WithdrawServiceDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toWithdrawService(id, dto), p, v);
  }
}
