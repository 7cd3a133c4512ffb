import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { authorize, CLOCK } from '@ws/kernel';
import type { Clock, Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { IdentityDatabase } from '../db/database';
import { identityError } from '../identity.errors';
import type { AccountView } from './account.dto';
import { accountView, findAccount } from './accounts.query';

/**
 * The accounts an officer manages: of their node and of the nodes below it (authorize() with the
 * account's node), never their own (another officer unlocks, resets or re-scopes them).
 */
@Injectable()
export class ManagedAccounts {
  constructor(
    @Inject(DB) private readonly db: Kysely<IdentityDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The account, when the principal may manage it: its node covered, and not their own unless only looked at. */
  async find(accountId: string, principal: Principal, options: { ownAllowed?: boolean } = {}) {
    const account = await findAccount(this.db, accountId);
    if (!account) throw identityError('account_not_found', '账号不存在');
    authorize(principal, { node: account.node });
    if (!options.ownAllowed && account.account_id === principal.subject) throw identityError('own_account', '不能管理自己的账号，请联系本级或上级其他管理员');
    return account;
  }

  async view(accountId: string): Promise<AccountView> {
    return accountView((await findAccount(this.db, accountId))!, this.clock.now());
  }
}
