import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@ws/kernel';
import { DirectiveCommands } from '../directive-commands';
import { DirectiveRoutes, ISSUERS } from '../directive-routes';
import { AmendDeadlineDto, toAmendDeadline } from './amend-deadline.dto';

@DirectiveRoutes()
export class AmendDeadlineController {
  constructor(private readonly directives: DirectiveCommands) {}

  @Post(':id/deadline') @HttpCode(200) @Roles(...ISSUERS)
  @ApiOperation({ summary: '调整指令期限' })
  amendDeadline(@Param('id', uuidParam()) id: string, @Body() dto: AmendDeadlineDto, @CurrentPrincipal() principal: Principal) {
    return this.directives.run(toAmendDeadline(id, dto), principal);
  }
}
