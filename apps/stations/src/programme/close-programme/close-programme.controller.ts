import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, uuidParam } from '@ws/kernel';
import { ProgrammeCommands } from '../programme-commands';
import { PROGRAMME_OWNERS, ProgrammeRoutes } from '../programme-routes';
import { CloseProgrammeDto, toCloseProgramme } from './close-programme.dto';

/** Programmes: officers close one; nothing more is recorded against it. */
@ProgrammeRoutes()
export class CloseProgrammeController {
  constructor(private readonly programmes: ProgrammeCommands) {}

  @Post(':id/close') @HttpCode(200) @Roles(...PROGRAMME_OWNERS)
  @ApiOperation({ summary: '结束项目' })
  close(@Param('id', uuidParam()) id: string, @Body() dto: CloseProgrammeDto, @CurrentPrincipal() p: Principal) {
    return this.programmes.run(toCloseProgramme(id, dto), p);
  }
}
