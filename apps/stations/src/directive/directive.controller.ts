import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, newId, Roles, uuidParam, type Principal, type Role } from '@ws/kernel';
import { PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { AmendDeadlineDto, toAmendDeadline } from './amend-deadline/amend-deadline.dto';
import { DirectiveCommandHandler } from './directive-command.handler';
import { DirectiveReceiptHandler } from './directive-receipt.handler';
import { IssueDirectiveDto, toIssueDirective } from './issue-directive/issue-directive.dto';
import { toWithdrawDirective, WithdrawDirectiveDto } from './withdraw-directive/withdraw-directive.dto';

/** Province and city nodes direct their subtrees; cities and districts are directed by their ancestors. */
const ISSUERS: Role[] = ['province_officer', 'city_officer'];
const RECEIVERS: Role[] = ['city_officer', 'district_officer'];

/** Directives over HTTP: the issuer's commands, and the receiving node's acknowledgement. */
@ApiTags('指令 directives')
@ApiBearerAuth()
@Controller('directives')
export class DirectiveController {
  constructor(
    private readonly issuer: DirectiveCommandHandler,
    private readonly receipts: DirectiveReceiptHandler,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Post()
  @Roles(...ISSUERS)
  @ApiOperation({ summary: '下达指令：推行建设标准、驿站数量目标、改造提升目标、年度星级评定（到全部下级或指定下级）' })
  issue(@Body() dto: IssueDirectiveDto, @CurrentPrincipal() principal: Principal) {
    return this.issuer.execute(toIssueDirective(newId(), this.config.node.code, dto), principal);
  }

  @Post(':id/withdraw') @HttpCode(200) @Roles(...ISSUERS)
  @ApiOperation({ summary: '撤回指令' })
  withdraw(@Param('id', uuidParam()) id: string, @Body() dto: WithdrawDirectiveDto, @CurrentPrincipal() principal: Principal) {
    return this.issuer.execute(toWithdrawDirective(id, dto), principal);
  }

  @Post(':id/deadline') @HttpCode(200) @Roles(...ISSUERS)
  @ApiOperation({ summary: '调整指令期限' })
  amendDeadline(@Param('id', uuidParam()) id: string, @Body() dto: AmendDeadlineDto, @CurrentPrincipal() principal: Principal) {
    return this.issuer.execute(toAmendDeadline(id, dto), principal);
  }

  @Post(':id/acknowledge') @HttpCode(200) @Roles(...RECEIVERS)
  @ApiOperation({ summary: '签收上级下达的指令（本节点工作人员）' })
  acknowledge(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.receipts.acknowledge(id, principal);
  }
}
