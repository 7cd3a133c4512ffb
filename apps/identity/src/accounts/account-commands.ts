import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { ACCESS_TOKEN_MAX_SECONDS } from '@ws/contracts';
import { CLOCK, deriveKey, newId, open, seal } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig, RunOptions, RunResult } from '@ws/platform';
import { accountAggregate } from '../aggregates';
import type { IdentityDatabase } from '../db/database';
import { IDENTITY_CONFIG } from '../identity.config';
import type { IdentityConfig } from '../identity.config';
import { directiveRow } from '../keys/key-ring';
import type { AccountCommand, AccountState } from './account.decider';
import type { AccountScope, RevocationReason } from './account.events';
import { applyToAccountRow } from './accounts-table';
import { hashPassword } from './credentials';
import { checkPassword } from './password-rules';
import { identityError } from '../identity.errors';

export interface NewAccount extends AccountScope {
  userName: string;
  displayName: string;
  password: string;
  /** False only for accounts whose first password the person chose (the demo's, an initial accounts file that says so). */
  mustChangePassword?: boolean;
  /** An enrolled TOTP secret (base32): the demo's, printed so a person can add it to an authenticator. */
  totpSecret?: string;
}

const USER_NAME = /^[a-z][a-z0-9_.-]{2,31}$/;

/**
 * Every change to an account goes through here: the decider decides, the account's row and
 * credentials are written in the same transaction, and ended sessions go down the DIR as
 * SessionsRevoked so every verifier of the subtree refuses their tokens.
 */
@Injectable()
export class AccountCommands {
  private readonly account;
  private readonly totpKey: Buffer;

  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<IdentityDatabase>,
    @Inject(IDENTITY_CONFIG) config: IdentityConfig,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.account = accountAggregate(config.lockout);
    this.totpKey = deriveKey(config.vaultKey, 'identity-totp');
  }

  async create(account: NewAccount, by: string): Promise<string> {
    const userName = account.userName.trim().toLowerCase();
    if (!USER_NAME.test(userName)) throw identityError('user_name_invalid', '用户名须为 3–32 位小写字母、数字、下划线、点或短横线，以字母开头', 'userName');
    if (!account.displayName.trim()) throw identityError('display_name_required', '请填写姓名', 'displayName');
    const weak = checkPassword(account.password, userName);
    if (weak) throw weak;
    const taken = await this.db.selectFrom('accounts').select('account_id').where((eb) => eb(eb.fn('lower', ['user_name']), '=', userName)).executeTakeFirst();
    if (taken) throw identityError('user_name_taken', `用户名 ${userName} 已被使用`, 'userName');
    const accountId = newId();
    const passwordHash = await hashPassword(account.password);
    const mustChangePassword = account.mustChangePassword ?? true;
    const scope: AccountScope = { role: account.role, node: account.node, ...(account.street ? { street: account.street } : {}), ...(account.station ? { station: account.station } : {}) };
    await this.run(accountId, { type: 'CreateAccount', accountId, by, mustChangePassword, ...scope }, {
      alongside: async (trx) => {
        await trx
          .insertInto('accounts')
          .values({
            account_id: accountId,
            user_name: userName,
            display_name: account.displayName.trim(),
            role: scope.role,
            node: scope.node,
            street: scope.street ?? null,
            station: scope.station ?? null,
            disabled: false,
            must_change_password: mustChangePassword,
            totp_enrolled: false,
            locked_until: null,
            created_at: this.clock.now(),
          })
          .execute();
        await trx.insertInto('credentials').values({ account_id: accountId, password_hash: passwordHash, totp_sealed: null, totp_last_step: null }).execute();
      },
    });
    if (account.totpSecret) await this.enrolTotp(accountId, account.totpSecret, undefined);
    return accountId;
  }

  load(accountId: string): Promise<AccountState> {
    return this.commands.load(this.account, accountId).then((loaded) => loaded.state);
  }

  /** Records a sign-in's outcome; a wrong password or code may lock the account (the returned state says so). */
  recordSignIn(accountId: string, outcome: 'ok' | 'bad_password' | 'bad_totp'): Promise<RunResult<AccountState>> {
    return this.run(accountId, { type: 'RecordSignIn', outcome });
  }

  async changePassword(accountId: string, userName: string, password: string, by: string): Promise<void> {
    const weak = checkPassword(password, userName);
    if (weak) throw weak;
    const passwordHash = await hashPassword(password);
    const self = by === accountId;
    await this.run(accountId, { type: 'ChangePassword', by, mustChangePassword: !self }, {
      alongside: (trx) => trx.updateTable('credentials').set({ password_hash: passwordHash }).where('account_id', '=', accountId).execute().then(() => undefined),
    });
    // Another's reset ends the sessions of whoever knew the old password.
    if (!self) await this.revokeAll(accountId, 'password_changed');
  }

  /** Keeps the secret (sealed) and the time step of the code that proved it. */
  async enrolTotp(accountId: string, secret: string, step: number | undefined): Promise<void> {
    await this.run(accountId, { type: 'EnrolTotp' }, {
      alongside: (trx) =>
        trx
          .updateTable('credentials')
          .set({ totp_sealed: seal(this.totpKey, accountId, Buffer.from(secret, 'utf8')), totp_last_step: step ?? null })
          .where('account_id', '=', accountId)
          .execute()
          .then(() => undefined),
    });
  }

  async totpSecret(accountId: string): Promise<{ secret: string; lastStep?: number } | undefined> {
    const row = await this.db.selectFrom('credentials').select(['totp_sealed', 'totp_last_step']).where('account_id', '=', accountId).executeTakeFirst();
    if (!row?.totp_sealed) return undefined;
    return { secret: open(this.totpKey, accountId, row.totp_sealed).toString('utf8'), ...(row.totp_last_step !== null ? { lastStep: Number(row.totp_last_step) } : {}) };
  }

  /** A code is good once: its step is remembered. */
  async useTotpStep(accountId: string, step: number): Promise<void> {
    await this.db.updateTable('credentials').set({ totp_last_step: step }).where('account_id', '=', accountId).execute();
  }

  /** The sealed form of a secret being enrolled (kept in the sign-in's interaction until its first code is right). */
  sealPending(uid: string, secret: string): string {
    return seal(this.totpKey, `pending:${uid}`, Buffer.from(secret, 'utf8')).toString('base64url');
  }

  openPending(uid: string, sealed: string): string {
    return open(this.totpKey, `pending:${uid}`, Buffer.from(sealed, 'base64url')).toString('utf8');
  }

  async unlock(accountId: string, by: string): Promise<void> {
    await this.run(accountId, { type: 'Unlock', by });
  }

  async resetTotp(accountId: string, by: string): Promise<void> {
    await this.run(accountId, { type: 'ResetTotp', by }, {
      alongside: (trx) => trx.updateTable('credentials').set({ totp_sealed: null, totp_last_step: null }).where('account_id', '=', accountId).execute().then(() => undefined),
    });
  }

  async changeScope(accountId: string, scope: AccountScope, by: string): Promise<void> {
    await this.run(accountId, { type: 'ChangeScope', by, ...scope });
    await this.revokeAll(accountId, 'scope_changed');
  }

  async disable(accountId: string, by: string): Promise<void> {
    await this.run(accountId, { type: 'Disable', by });
    await this.revokeAll(accountId, 'disabled');
  }

  /** Ends every live session of the account (its grants), and says so down the DIR. */
  async revokeAll(accountId: string, reason: RevocationReason): Promise<string[]> {
    const grants = await this.db.selectFrom('oidc_grants').select('grant_id').where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
    const sessionIds = grants.map((grant) => grant.grant_id);
    await this.revoke(accountId, sessionIds, reason);
    return sessionIds;
  }

  /**
   * SessionsRevoked for these sessions (their grants and tokens deleted with it), on the
   * account's stream and, in the same transaction, down the DIR with `until` = when their
   * last access token would expire anyway.
   */
  async revoke(accountId: string, sessionIds: string[], reason: RevocationReason): Promise<void> {
    if (sessionIds.length === 0) return;
    const until = new Date(this.clock.now().getTime() + ACCESS_TOKEN_MAX_SECONDS * 1000).toISOString();
    const node = this.platform.node;
    await this.run(accountId, { type: 'RevokeSessions', sessionIds, reason, until }, {
      alongside: async (trx) => {
        await trx.updateTable('oidc_grants').set({ revoked_at: this.clock.now() }).where('grant_id', 'in', sessionIds).execute();
        await trx.deleteFrom('oidc_models').where('grant_id', 'in', sessionIds).execute();
        await trx.deleteFrom('oidc_models').where('model', '=', 'Grant').where('id', 'in', sessionIds).execute();
      },
      afterAppend: async (trx, written) => {
        const rows = written.map((event) => directiveRow(node, event, { type: 'SessionsRevoked', data: { node: node.code, sessionIds, until } }));
        await trx.insertInto('outbox').values(rows).execute();
      },
    });
  }

  private run(accountId: string, command: AccountCommand, options: Pick<RunOptions, 'alongside' | 'afterAppend'> = {}) {
    return this.commands.run(this.account, accountId, command, {
      retryOnConflict: true,
      meta: { actor: 'identity' },
      alongside: options.alongside,
      afterAppend: async (trx, written) => {
        await applyToAccountRow(trx, written);
        await options.afterAppend?.(trx, written);
      },
    });
  }
}
