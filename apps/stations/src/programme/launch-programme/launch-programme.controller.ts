import { Body, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, newId, type Principal, Roles } from '@ws/kernel';
import { ProgrammeCommands } from '../programme-commands';
import { PROGRAMME_OWNERS, ProgrammeRoutes } from '../programme-routes';
import { LaunchProgrammeDto, toLaunchProgramme } from './launch-programme.dto';

/** Programmes with quotas (民生实事项目): officers launch one with its target, places, share rule and period. */
@ProgrammeRoutes()
export class LaunchProgrammeController {
  constructor(private readonly programmes: ProgrammeCommands) {}

  @Post() @Roles(...PROGRAMME_OWNERS)
  @ApiOperation({ summary: '发布项目（健康体检、爱心托班…）：目标人次、场次/名额、新就业形态占比下限、期间' })
  launch(@Body() dto: LaunchProgrammeDto, @CurrentPrincipal() p: Principal) {
    return this.programmes.run(toLaunchProgramme(newId(), dto), p);
  }
}
