import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { Kysely } from 'kysely';
import { OFFICER_ROLES } from '@ws/contracts';
import type { OfficerRole } from '@ws/contracts';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { IdentityDatabase } from '../db/database';
import { IDENTITY_CONFIG } from '../identity.config';
import type { IdentityConfig } from '../identity.config';
import { AccountCommands } from './account-commands';
import type { NewAccount } from './account-commands';

/** One entry of IDENTITY_INITIAL_ACCOUNTS_FILE (the node is the service's own). */
export interface InitialAccount {
  userName: string;
  displayName: string;
  password: string;
  role: OfficerRole;
  street?: string;
  station?: string;
  totpSecret?: string;
  mustChangePassword?: boolean;
}

/**
 * The node's first officers: a fresh node has nobody to create accounts, so the deployment
 * names them in a file (npm start: the demo officers). An entry whose user name exists is left
 * as it is, so the file can stay in place across restarts.
 */
@Injectable()
export class InitialAccounts implements OnModuleInit {
  private readonly log = new Logger('InitialAccounts');

  constructor(
    private readonly accounts: AccountCommands,
    @Inject(DB) private readonly db: Kysely<IdentityDatabase>,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.initialAccountsFile) return;
    const entries = JSON.parse(readFileSync(this.config.initialAccountsFile, 'utf8')) as InitialAccount[];
    let created = 0;
    for (const entry of entries) {
      if (!OFFICER_ROLES.includes(entry.role)) throw new Error(`IDENTITY_INITIAL_ACCOUNTS_FILE: unknown role ${entry.role}`);
      const exists = await this.db.selectFrom('accounts').select('account_id').where((eb) => eb(eb.fn('lower', ['user_name']), '=', entry.userName.toLowerCase())).executeTakeFirst();
      if (exists) continue;
      const account: NewAccount = { ...entry, node: this.platform.node.code };
      await this.accounts.create(account, 'initial-accounts');
      created++;
    }
    if (created > 0) this.log.log(`${created} initial account(s) created`);
  }
}
