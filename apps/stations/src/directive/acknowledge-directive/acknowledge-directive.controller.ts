import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@ws/kernel';
import { DirectiveRoutes, RECEIVERS } from '../directive-routes';
import { AcknowledgeDirectiveHandler } from './acknowledge-directive.handler';

@DirectiveRoutes()
export class AcknowledgeDirectiveController {
  constructor(private readonly handler: AcknowledgeDirectiveHandler) {}

  @Post(':id/acknowledge') @HttpCode(200) @Roles(...RECEIVERS)
  @ApiOperation({ summary: '签收上级下达的指令（本节点工作人员）' })
  acknowledge(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.acknowledge(id, principal);
  }
}
