import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { StationCommands } from '../station-commands';
import { DISTRICT_AND_ABOVE, StationRoutes } from '../station-routes';
import { AwardHonourDto, toAwardHonour } from './award-honour.dto';

@StationRoutes()
export class AwardHonourController {
  constructor(private readonly stations: StationCommands) {}

  @Post(':id/honours') @HttpCode(200) @Roles(...DISTRICT_AND_ABOVE)
  @ApiOperation({ summary: '授予荣誉（全国最美、省级最美…）' })
  honour(@Param('id', uuidParam()) id: string, @Body() dto: AwardHonourDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.stations.run(toAwardHonour(id, dto), p, v);
  }
}
