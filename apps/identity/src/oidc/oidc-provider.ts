import { Provider } from 'oidc-provider';
import type { Configuration } from 'oidc-provider';
import { Kysely } from 'kysely';
import { ACCESS_TOKEN_AUDIENCE } from '@ws/contracts';
import type { OfficerClaims } from '@ws/contracts';
import type { IdentityDatabase } from '../db/database';
import type { IdentityConfig } from '../identity.config';
import type { KeyRing } from '../keys/key-ring';
import { API_RESOURCE, API_SCOPE, consoleClient } from './console-client';
import { errorPage, loggedOutPage, logoutPage } from './pages';
import { postgresAdapter } from './pg-adapter';

export interface ProviderDeps {
  db: Kysely<IdentityDatabase>;
  config: IdentityConfig;
  keys: KeyRing;
  /** A grant (a session's `sid`) was revoked by the provider: a log-out, a revoked refresh token. */
  onGrantRevoked(grantId: string): void;
}

/**
 * The node's OpenID Connect provider: the console signs in with code + PKCE at the service's
 * own zh-CN pages; access tokens are EdDSA JWTs for the `waystation` audience with the
 * officer's claims; refresh tokens rotate at every use; log-out ends the grant.
 */
export function createOidcProvider({ db, config, keys, onGrantRevoked }: ProviderDeps): Provider {
  const configuration: Configuration = {
    adapter: postgresAdapter(db),
    clients: [consoleClient(config.publicOrigin)],
    jwks: { keys: keys.jwks() },
    cookies: {
      keys: [config.cookieSecret],
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    claims: { openid: ['sub'], officer: ['role', 'node', 'street', 'station'] },
    scopes: ['openid', 'offline_access', API_SCOPE],
    clientDefaults: { id_token_signed_response_alg: 'EdDSA', grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none' },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = loggedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== API_RESOURCE) throw new Error(`unknown resource ${resource}`);
          return {
            scope: API_SCOPE,
            audience: ACCESS_TOKEN_AUDIENCE,
            accessTokenTTL: config.accessTokenSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'EdDSA', kid: keys.signingKid() } },
          };
        },
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId || !token.grantId) return undefined;
      return { ...(await officerClaims(db, token.accountId, token.grantId)) };
    },
    findAccount: async (_ctx, sub) => {
      const row = await db.selectFrom('accounts').select(['account_id', 'disabled']).where('account_id', '=', sub).executeTakeFirst();
      if (!row || row.disabled) return undefined;
      return { accountId: sub, claims: async () => ({ sub }) };
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(String(out['error_description'] ?? out['error'] ?? '请求无效'));
    },
    ttl: {
      AccessToken: config.accessTokenSeconds,
      AuthorizationCode: 60,
      IdToken: config.accessTokenSeconds,
      Interaction: 30 * 60,
      Session: config.refreshTokenSeconds,
      Grant: config.refreshTokenSeconds,
      RefreshToken: config.refreshTokenSeconds,
    },
  };
  const provider = new Provider(config.issuer, configuration);
  // Behind the node's front: its x-forwarded-proto/host are the public URL's.
  provider.proxy = true;
  provider.on('grant.revoked', (_ctx, grantId) => onGrantRevoked(grantId));
  return provider;
}

/** The claims of libs/contracts' OfficerClaims, from the account as it is when the token is minted. */
async function officerClaims(db: Kysely<IdentityDatabase>, accountId: string, grantId: string): Promise<OfficerClaims> {
  const account = await db.selectFrom('accounts').select(['role', 'node', 'street', 'station']).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return {
    sid: grantId,
    role: account.role as OfficerClaims['role'],
    node: account.node,
    ...(account.street ? { street: account.street } : {}),
    ...(account.station ? { station: account.station } : {}),
  };
}
