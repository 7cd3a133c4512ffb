import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { AccountView } from '../account.dto';
import { ACCOUNT_MANAGER_ROLES } from '../scope-rules';
import { AccountListQueryDto, AccountPage } from './list-accounts.dto';
import { ListAccountsHandler } from './list-accounts.handler';

/** Officers look up the accounts of their node and of the nodes below it. */
@ApiTags('账号 accounts')
@ApiBearerAuth()
@Roles(...ACCOUNT_MANAGER_ROLES)
@Controller('accounts')
export class ListAccountsController {
  constructor(private readonly handler: ListAccountsHandler) {}

  @Get()
  @ApiOperation({ summary: '本节点及下级节点的账号（按角色、状态、用户名或姓名筛选；每页 1–200 条）' })
  @ApiOkResponse({ type: AccountPage })
  list(@Query() query: AccountListQueryDto, @CurrentPrincipal() principal: Principal): Promise<AccountPage> {
    return this.handler.list(query, principal);
  }

  @Get(':accountId')
  @ApiOperation({ summary: '一个账号' })
  @ApiOkResponse({ type: AccountView })
  get(@Param('accountId', uuidParam('accountId')) accountId: string, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.handler.get(accountId, principal);
  }
}
