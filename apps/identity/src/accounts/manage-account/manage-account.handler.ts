import { Injectable } from '@nestjs/common';
import type { Principal } from '@ws/kernel';
import { AccountCommands } from '../account-commands';
import type { AccountScopeDto, AccountView } from '../account.dto';
import { ManagedAccounts } from '../managed-accounts';
import type { SessionsEnded } from './manage-account.dto';

/** What an officer does to an account they manage (never their own); each answers the account as it now is. */
@Injectable()
export class ManageAccountHandler {
  constructor(
    private readonly accounts: AccountCommands,
    private readonly managed: ManagedAccounts,
  ) {}

  async changeScope(accountId: string, body: AccountScopeDto, principal: Principal): Promise<AccountView> {
    const account = await this.managed.find(accountId, principal);
    await this.accounts.changeScope(accountId, { role: body.role, node: account.node, ...(body.street ? { street: body.street } : {}), ...(body.station ? { station: body.station } : {}) }, principal.subject);
    return this.managed.view(accountId);
  }

  async unlock(accountId: string, principal: Principal): Promise<AccountView> {
    await this.managed.find(accountId, principal);
    await this.accounts.unlock(accountId, principal.subject);
    return this.managed.view(accountId);
  }

  async resetTotp(accountId: string, principal: Principal): Promise<AccountView> {
    await this.managed.find(accountId, principal);
    await this.accounts.resetTotp(accountId, principal.subject);
    return this.managed.view(accountId);
  }

  async resetPassword(accountId: string, password: string, principal: Principal): Promise<AccountView> {
    const account = await this.managed.find(accountId, principal);
    await this.accounts.changePassword(accountId, account.user_name, password, principal.subject);
    return this.managed.view(accountId);
  }

  async disable(accountId: string, principal: Principal): Promise<AccountView> {
    await this.managed.find(accountId, principal);
    await this.accounts.disable(accountId, principal.subject);
    return this.managed.view(accountId);
  }

  async revokeSessions(accountId: string, principal: Principal): Promise<SessionsEnded> {
    await this.managed.find(accountId, principal);
    const revoked = await this.accounts.revokeAll(accountId, 'revoked');
    return { revoked: revoked.length };
  }
}
