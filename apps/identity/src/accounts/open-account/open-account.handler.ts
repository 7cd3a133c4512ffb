import { Inject, Injectable } from '@nestjs/common';
import { authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { AccountCommands } from '../account-commands';
import type { AccountView } from '../account.dto';
import { ManagedAccounts } from '../managed-accounts';
import type { CreateAccountDto } from './open-account.dto';

/** An officer opens an account on this node (the one this identity service serves). */
@Injectable()
export class OpenAccountHandler {
  constructor(
    private readonly accounts: AccountCommands,
    private readonly managed: ManagedAccounts,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async open(body: CreateAccountDto, principal: Principal): Promise<AccountView> {
    const node = this.platform.node.code;
    authorize(principal, { node });
    const { street, station, ...rest } = body;
    const accountId = await this.accounts.create({ ...rest, node, ...(street ? { street } : {}), ...(station ? { station } : {}) }, principal.subject);
    return this.managed.view(accountId);
  }
}
