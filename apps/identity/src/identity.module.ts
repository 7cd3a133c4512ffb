import { DynamicModule, Module } from '@nestjs/common';
import { CommandRunner, PlatformModule, PlatformOptions } from '@ws/platform';
import { AccountCommands } from './accounts/account-commands';
import { ListAccountsController } from './accounts/list-accounts/list-accounts.controller';
import { ListAccountsHandler } from './accounts/list-accounts/list-accounts.handler';
import { ManageAccountController } from './accounts/manage-account/manage-account.controller';
import { ManageAccountHandler } from './accounts/manage-account/manage-account.handler';
import { ManagedAccounts } from './accounts/managed-accounts';
import { OpenAccountController } from './accounts/open-account/open-account.controller';
import { OpenAccountHandler } from './accounts/open-account/open-account.handler';
import { InitialAccounts } from './accounts/initial-accounts';
import { identityMigrations } from './db/migrations';
import { IDENTITY_CONFIG, identityConfig } from './identity.config';
import type { IdentityConfig } from './identity.config';
import { IDENTITY_ERRORS } from './identity.errors';
import { KeyRing } from './keys/key-ring';
import { KeysController } from './keys/keys.controller';
import { IdentityLabelsController } from './labels/labels.controller';
import { OidcService } from './oidc/oidc.service';
import { SignInController } from './oidc/sign-in.controller';
import { UpstreamCallbackController } from './oidc/upstream-callback.controller';
import { UpstreamLogin } from './oidc/upstream-login';

export const IDENTITY_SERVICE = 'identity';

export interface IdentityModuleOptions extends Partial<Pick<PlatformOptions, 'config' | 'clock'>> {
  identity?: Partial<IdentityConfig>;
}

/**
 * The node's identity service (身份认证): officers' accounts, event-sourced; the OpenID Connect
 * provider the console signs in with; the node's signing keys, announced down the federation.
 */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityModuleOptions = {}): DynamicModule {
    const { identity, ...platform } = options;
    return {
      module: IdentityModule,
      imports: [PlatformModule.forService({ service: IDENTITY_SERVICE, migrations: identityMigrations, errors: IDENTITY_ERRORS, ...platform })],
      controllers: [SignInController, UpstreamCallbackController, ListAccountsController, OpenAccountController, ManageAccountController, KeysController, IdentityLabelsController],
      providers: [
        { provide: IDENTITY_CONFIG, useFactory: () => ({ ...identityConfig(), ...identity }) },
        CommandRunner,
        AccountCommands,
        ManagedAccounts,
        ListAccountsHandler,
        OpenAccountHandler,
        ManageAccountHandler,
        KeyRing,
        OidcService,
        UpstreamLogin,
        InitialAccounts,
      ],
    };
  }
}
