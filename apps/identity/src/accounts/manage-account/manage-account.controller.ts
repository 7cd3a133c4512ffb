import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { AccountScopeDto, AccountView } from '../account.dto';
import { ACCOUNT_MANAGER_ROLES } from '../scope-rules';
import { ResetPasswordDto, SessionsEnded } from './manage-account.dto';
import { ManageAccountHandler } from './manage-account.handler';

/**
 * Officers manage the accounts of their node and of the nodes below it, never their own
 * (another officer unlocks, resets or re-scopes them).
 */
@ApiTags('账号 accounts')
@ApiBearerAuth()
@Roles(...ACCOUNT_MANAGER_ROLES)
@Controller('accounts/:accountId')
export class ManageAccountController {
  constructor(private readonly handler: ManageAccountHandler) {}

  @Put('scope')
  @ApiOperation({ summary: '更改角色与范围（结束该账号的全部会话）' })
  @ApiOkResponse({ type: AccountView })
  changeScope(@Param('accountId', uuidParam('accountId')) accountId: string, @Body() body: AccountScopeDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.handler.changeScope(accountId, body, principal);
  }

  @Post('unlock')
  @HttpCode(200)
  @ApiOperation({ summary: '解锁（连续输错被锁定的账号）' })
  @ApiOkResponse({ type: AccountView })
  unlock(@Param('accountId', uuidParam('accountId')) accountId: string, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.handler.unlock(accountId, principal);
  }

  @Post('totp/reset')
  @HttpCode(200)
  @ApiOperation({ summary: '重置身份验证器（下次登录重新绑定）' })
  @ApiOkResponse({ type: AccountView })
  resetTotp(@Param('accountId', uuidParam('accountId')) accountId: string, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.handler.resetTotp(accountId, principal);
  }

  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: '重设临时密码（结束该账号的全部会话；下次登录须修改）' })
  @ApiOkResponse({ type: AccountView })
  resetPassword(@Param('accountId', uuidParam('accountId')) accountId: string, @Body() body: ResetPasswordDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.handler.resetPassword(accountId, body.password, principal);
  }

  @Post('disable')
  @HttpCode(200)
  @ApiOperation({ summary: '停用账号（结束其全部会话，不能再登录）' })
  @ApiOkResponse({ type: AccountView })
  disable(@Param('accountId', uuidParam('accountId')) accountId: string, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.handler.disable(accountId, principal);
  }

  @Post('sessions/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: '结束该账号的全部会话（令牌在本节点及下级节点随即失效）' })
  @ApiOkResponse({ type: SessionsEnded })
  revokeSessions(@Param('accountId', uuidParam('accountId')) accountId: string, @CurrentPrincipal() principal: Principal): Promise<SessionsEnded> {
    return this.handler.revokeSessions(accountId, principal);
  }
}
