import { Body, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@ws/kernel';
import { DirectiveRoutes, ISSUERS } from '../directive-routes';
import { IssueDirectiveDto } from './issue-directive.dto';
import { IssueDirectiveHandler } from './issue-directive.handler';

@DirectiveRoutes()
export class IssueDirectiveController {
  constructor(private readonly handler: IssueDirectiveHandler) {}

  @Post()
  @Roles(...ISSUERS)
  @ApiOperation({ summary: '下达指令：推行建设标准、驿站数量目标、改造提升目标、年度星级评定（到全部下级或指定下级）' })
  issue(@Body() dto: IssueDirectiveDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.issue(dto, principal);
  }
}
