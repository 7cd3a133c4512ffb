import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import { authorize, CLOCK, CurrentPrincipal, Roles, uuidParam } from '@ws/kernel';
import type { Clock, Principal } from '@ws/kernel';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { IdentityDatabase } from '../db/database';
import { AccountCommands } from './account-commands';
import { AccountListQueryDto, AccountPage, AccountScopeDto, AccountView, CreateAccountDto, ResetPasswordDto, SessionsEnded } from './account.dto';
import { accountView, findAccount, listAccounts } from './accounts.query';
import { ACCOUNT_MANAGER_ROLES } from './scope-rules';
import { identityError } from '../identity.errors';

/**
 * Officers manage the accounts of their node and of the nodes below it (authorize() with the
 * account's node), never their own (another officer unlocks, resets or re-scopes them).
 */
@ApiTags('账号 accounts')
@ApiBearerAuth()
@Roles(...ACCOUNT_MANAGER_ROLES)
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountCommands,
    @Inject(DB) private readonly db: Kysely<IdentityDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: '本节点及下级节点的账号（按角色、状态、用户名或姓名筛选；每页 1–200 条）' })
  @ApiOkResponse({ type: AccountPage })
  list(@Query() query: AccountListQueryDto, @CurrentPrincipal() principal: Principal): Promise<AccountPage> {
    return listAccounts(this.db, principal.node, query, this.clock.now());
  }

  @Get(':accountId')
  @ApiOperation({ summary: '一个账号' })
  @ApiOkResponse({ type: AccountView })
  async get(@Param('accountId', uuidParam('accountId')) accountId: string, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return accountView(await this.managed(accountId, principal, { ownAllowed: true }), this.clock.now());
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '开设账号（本节点；街道干部须填街道，站长须填驿站；首次登录须改密码并绑定验证器）' })
  @ApiCreatedResponse({ type: AccountView })
  async create(@Body() body: CreateAccountDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const node = this.platform.node.code;
    authorize(principal, { node });
    const { street, station, ...rest } = body;
    const accountId = await this.accounts.create({ ...rest, node, ...(street ? { street } : {}), ...(station ? { station } : {}) }, principal.subject);
    return this.view(accountId);
  }

  @Put(':accountId/scope')
  @ApiOperation({ summary: '更改角色与范围（结束该账号的全部会话）' })
  @ApiOkResponse({ type: AccountView })
  async changeScope(@Param('accountId', uuidParam('accountId')) accountId: string, @Body() body: AccountScopeDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const account = await this.managed(accountId, principal);
    await this.accounts.changeScope(accountId, { role: body.role, node: account.node, ...(body.street ? { street: body.street } : {}), ...(body.station ? { station: body.station } : {}) }, principal.subject);
    return this.view(accountId);
  }

  @Post(':accountId/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: '解锁（连续输错被锁定的账号）' })
  @ApiOkResponse({ type: AccountView })
  async unlock(@Param('accountId', uuidParam('accountId')) accountId: string, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    await this.managed(accountId, principal);
    await this.accounts.unlock(accountId, principal.subject);
    return this.view(accountId);
  }

  @Post(':accountId/totp/reset')
  @HttpCode(200)
  @ApiOperation({ summary: '重置身份验证器（下次登录重新绑定）' })
  @ApiOkResponse({ type: AccountView })
  async resetTotp(@Param('accountId', uuidParam('accountId')) accountId: string, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    await this.managed(accountId, principal);
    await this.accounts.resetTotp(accountId, principal.subject);
    return this.view(accountId);
  }

  @Post(':accountId/password')
  @HttpCode(200)
  @ApiOperation({ summary: '重设临时密码（结束该账号的全部会话；下次登录须修改）' })
  @ApiOkResponse({ type: AccountView })
  async resetPassword(@Param('accountId', uuidParam('accountId')) accountId: string, @Body() body: ResetPasswordDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const account = await this.managed(accountId, principal);
    await this.accounts.changePassword(accountId, account.user_name, body.password, principal.subject);
    return this.view(accountId);
  }

  @Post(':accountId/disable')
  @HttpCode(200)
  @ApiOperation({ summary: '停用账号（结束其全部会话，不能再登录）' })
  @ApiOkResponse({ type: AccountView })
  async disable(@Param('accountId', uuidParam('accountId')) accountId: string, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    await this.managed(accountId, principal);
    await this.accounts.disable(accountId, principal.subject);
    return this.view(accountId);
  }

  @Post(':accountId/sessions/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: '结束该账号的全部会话（令牌在本节点及下级节点随即失效）' })
  @ApiOkResponse({ type: SessionsEnded })
  async revokeSessions(@Param('accountId', uuidParam('accountId')) accountId: string, @CurrentPrincipal() principal: Principal): Promise<SessionsEnded> {
    await this.managed(accountId, principal);
    const revoked = await this.accounts.revokeAll(accountId, 'revoked');
    return { revoked: revoked.length };
  }

  /** The account, when the principal may manage it: its node covered, and not their own unless only looked at. */
  private async managed(accountId: string, principal: Principal, options: { ownAllowed?: boolean } = {}) {
    const account = await findAccount(this.db, accountId);
    if (!account) throw identityError('account_not_found', '账号不存在');
    authorize(principal, { node: account.node });
    if (!options.ownAllowed && account.account_id === principal.subject) throw identityError('own_account', '不能管理自己的账号，请联系本级或上级其他管理员');
    return account;
  }

  private async view(accountId: string): Promise<AccountView> {
    return accountView((await findAccount(this.db, accountId))!, this.clock.now());
  }
}
