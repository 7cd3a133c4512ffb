import type { DynamicModule } from '@nestjs/common';
import { generateSync } from 'otplib';
import type { BrowserSession } from '@ws/testing';
import { ServiceHarness, testPlatformConfig } from '@ws/testing/service-app';
import { AccountCommands } from '../accounts/account-commands';
import type { NewAccount } from '../accounts/account-commands';
import type { IdentityDatabase } from '../db/database';
import { identityConfig } from '../identity.config';
import type { IdentityConfig } from '../identity.config';
import { IdentityModule } from '../identity.module';
import { ConsoleSignIn, type TokenSet } from './console-sign-in';

export { interactionUid, type TokenSet } from './console-sign-in';

/**
 * Identity in-process on a synthetic node of its own; the public origin is a made-up https
 * one (the provider answers on any host, and the console's callback is only read, never opened).
 */
export class IdentityHarness extends ServiceHarness<IdentityDatabase> {
  readonly origin = 'https://union.example.cn';

  private constructor(
    base: Awaited<ReturnType<typeof testPlatformConfig>>,
    private readonly overrides: Partial<IdentityConfig>,
  ) {
    super(base.config, base.database);
  }

  static async create(overrides: Partial<IdentityConfig> = {}): Promise<IdentityHarness> {
    const harness = new IdentityHarness(await testPlatformConfig('identity'), overrides);
    await harness.start();
    return harness;
  }

  get issuer(): string {
    return `${this.origin}/oidc`;
  }

  protected override module(): DynamicModule {
    const defaults = identityConfig({ IDENTITY_COOKIE_SECRET: 'test-cookie-secret-0123456789abcdef', IDENTITY_VAULT_KEY: 'test-vault-key-0123456789abcdefghij' });
    return IdentityModule.forRoot({
      config: this.config,
      clock: this.clock,
      identity: { ...defaults, publicOrigin: this.origin, issuer: this.issuer, ...this.overrides },
    });
  }

  createAccount(account: Omit<NewAccount, 'node'>): Promise<string> {
    return this.app.get(AccountCommands).create({ ...account, node: this.config.node.code }, 'test');
  }

  /** The console's sign-in steps against this harness (a client made per call: the port is known once started). */
  private get console(): ConsoleSignIn {
    return new ConsoleSignIn(this.base, this.origin);
  }

  authorize(): ReturnType<ConsoleSignIn['authorize']> {
    return this.console.authorize();
  }

  codeFrom(browser: BrowserSession, response: Response, state: string): Promise<string> {
    return this.console.codeFrom(browser, response, state);
  }

  tokenRequest(form: Record<string, string>): ReturnType<ConsoleSignIn['tokenRequest']> {
    return this.console.tokenRequest(form);
  }

  /** Password, TOTP (the secret's current code) and nothing else: an enrolled account that need not change its password. */
  signIn(userName: string, password: string, totpSecret: string): Promise<{ tokens: TokenSet; browser: BrowserSession }> {
    return this.console.signIn(userName, password, () => this.totp(totpSecret));
  }

  /** The authenticator's code at the harness clock. */
  totp(secret: string, at: Date = this.clock.now()): string {
    return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
  }
}
