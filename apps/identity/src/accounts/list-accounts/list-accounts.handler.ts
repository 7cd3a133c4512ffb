import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { CLOCK } from '@ws/kernel';
import type { Clock, Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { IdentityDatabase } from '../../db/database';
import type { AccountView } from '../account.dto';
import { accountView, listAccounts } from '../accounts.query';
import { ManagedAccounts } from '../managed-accounts';
import type { AccountListQueryDto, AccountPage } from './list-accounts.dto';

/** The accounts of the officer's node and below, and one of them (their own included). */
@Injectable()
export class ListAccountsHandler {
  constructor(
    private readonly managed: ManagedAccounts,
    @Inject(DB) private readonly db: Kysely<IdentityDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(query: AccountListQueryDto, principal: Principal): Promise<AccountPage> {
    return listAccounts(this.db, principal.node, query, this.clock.now());
  }

  async get(accountId: string, principal: Principal): Promise<AccountView> {
    return accountView(await this.managed.find(accountId, principal, { ownAllowed: true }), this.clock.now());
  }
}
