import { Body, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, newId, Roles, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { OFFICERS, StationRoutes } from '../station-routes';
import { RegisterStationDto, toRegisterStation } from './register-station.dto';

@StationRoutes()
export class RegisterStationController {
  constructor(private readonly stations: StationCommands) {}

  @Post()
  @Roles(...OFFICERS)
  @ApiOperation({ summary: '登记驿站' })
  register(@Body() dto: RegisterStationDto, @CurrentPrincipal() principal: Principal) {
    return this.stations.run(toRegisterStation(newId(), dto), principal, 0);
  }
}
