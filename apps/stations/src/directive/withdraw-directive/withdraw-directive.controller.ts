import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@ws/kernel';
import { DirectiveCommands } from '../directive-commands';
import { DirectiveRoutes, ISSUERS } from '../directive-routes';
import { toWithdrawDirective, WithdrawDirectiveDto } from './withdraw-directive.dto';

@DirectiveRoutes()
export class WithdrawDirectiveController {
  constructor(private readonly directives: DirectiveCommands) {}

  @Post(':id/withdraw') @HttpCode(200) @Roles(...ISSUERS)
  @ApiOperation({ summary: '撤回指令' })
  withdraw(@Param('id', uuidParam()) id: string, @Body() dto: WithdrawDirectiveDto, @CurrentPrincipal() principal: Principal) {
    return this.directives.run(toWithdrawDirective(id, dto), principal);
  }
}
