import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Kysely } from 'kysely';
import type { Provider } from 'oidc-provider';
import { DB } from '@ws/platform';
import { AccountCommands } from '../accounts/account-commands';
import type { IdentityDatabase } from '../db/database';
import { IDENTITY_CONFIG } from '../identity.config';
import type { IdentityConfig } from '../identity.config';
import { KeyRing } from '../keys/key-ring';
import { createOidcProvider } from './oidc-provider';
import { sweepExpired } from './pg-adapter';

export const OIDC_PREFIX = '/oidc';

/**
 * Runs the node's provider under /oidc on the service's own Fastify server: the keys are
 * loaded and announced first, then every /oidc/* request (but the sign-in pages, which are
 * this service's routes) is handed to the provider with the prefix taken off.
 */
@Injectable()
export class OidcService implements OnModuleInit {
  private readonly log = new Logger('Oidc');
  private current?: Provider;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly keys: KeyRing,
    private readonly accounts: AccountCommands,
    @Inject(DB) private readonly db: Kysely<IdentityDatabase>,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  get provider(): Provider {
    if (!this.current) throw new Error('the OIDC provider is not started');
    return this.current;
  }

  async onModuleInit(): Promise<void> {
    await this.keys.load();
    await sweepExpired(this.db);
    this.current = this.build();
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const handle = (request: FastifyRequest, reply: FastifyReply) => this.handle(request, reply);
    fastify.all(OIDC_PREFIX, handle);
    fastify.all(`${OIDC_PREFIX}/*`, handle);
  }

  /** A new key: announced at once; the provider is rebuilt with it (its state is in Postgres) and signs with it once it is active. */
  async rotate(): Promise<string> {
    const kid = await this.keys.rotate();
    this.current = this.build();
    return kid;
  }

  private build(): Provider {
    return createOidcProvider({
      db: this.db,
      config: this.config,
      keys: this.keys,
      onGrantRevoked: (grantId) => void this.grantRevoked(grantId),
    });
  }

  private handle(request: FastifyRequest, reply: FastifyReply): void {
    reply.hijack();
    const raw = request.raw as typeof request.raw & { originalUrl?: string; body?: unknown };
    raw.originalUrl = raw.url;
    raw.url = raw.url!.slice(OIDC_PREFIX.length) || '/';
    // Fastify has read the body already (forms, JSON): the provider takes it from here.
    if (request.body !== undefined) raw.body = request.body;
    this.provider.callback()(raw, reply.raw);
  }

  /** A log-out or a revoked refresh token ended a grant: the session's tokens are refused from now on, down the subtree. */
  private async grantRevoked(grantId: string): Promise<void> {
    try {
      const grant = await this.db.selectFrom('oidc_grants').select(['account_id', 'revoked_at']).where('grant_id', '=', grantId).executeTakeFirst();
      if (!grant || grant.revoked_at) return;
      await this.accounts.revoke(grant.account_id, [grantId], 'logout');
    } catch (error) {
      this.log.error(`revoking session ${grantId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
