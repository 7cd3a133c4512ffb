import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { loadConfig, productionSecret, secretOrEphemeral } from '@ws/kernel';

/** Identity's settings from the environment, on top of the platform's (README, "Officers' accounts"). */
export class IdentityEnv {
  /** The node's public front (what people open); the issuer is `<origin>/oidc`. */
  @IsString()
  PUBLIC_ORIGIN: string = 'http://127.0.0.1:4100';

  /**
   * A private Ed25519 JWK, or a JWKS whose first key signs and whose others are kept for
   * tokens already issued. Required in production; npm start generates one per node under .run/.
   */
  @IsOptional() @IsString()
  IDENTITY_SIGNING_KEY_FILE?: string;

  /** Signs the provider's cookies (interaction and session); required in production. */
  @IsOptional() @IsString() @MinLength(32)
  IDENTITY_COOKIE_SECRET?: string;

  /** Seals each account's TOTP secret at rest; required in production. */
  @IsOptional() @IsString() @MinLength(32)
  IDENTITY_VAULT_KEY?: string;

  /** `off`: station managers sign in with their password alone (officer roles always need TOTP). */
  @IsIn(['on', 'off'])
  IDENTITY_TOTP_STATION_MANAGERS: string = 'on';

  /** Accounts made at start when their user name is new (JSON file: the first officers of a node; the demo's). */
  @IsOptional() @IsString()
  IDENTITY_INITIAL_ACCOUNTS_FILE?: string;

  /** Access token lifetime (≤ 15 minutes). */
  @IsInt() @Min(60) @Max(900)
  IDENTITY_ACCESS_TOKEN_SECONDS: number = 600;

  /** A refresh token's longest life; a signed-in officer works a day without signing in again. */
  @IsInt() @Min(300) @Max(30 * 24 * 3600)
  IDENTITY_REFRESH_TOKEN_SECONDS: number = 12 * 3600;

  @IsInt() @Min(3) @Max(20)
  IDENTITY_MAX_FAILURES: number = 5;

  @IsInt() @Min(1) @Max(24 * 60)
  IDENTITY_LOCK_MINUTES: number = 15;

  /**
   * An upstream OpenID Connect provider the node's officers may sign in with (a province's unified
   * login, 浙政钉): its issuer URL (discovery at <issuer>/.well-known/openid-configuration).
   */
  @IsOptional() @IsString()
  IDENTITY_UPSTREAM_ISSUER?: string;

  /** This node's client at the upstream provider; its redirect URI is <PUBLIC_ORIGIN>/oidc/upstream/callback. */
  @IsOptional() @IsString()
  IDENTITY_UPSTREAM_CLIENT_ID?: string;

  /** Required in production when an upstream provider is set. */
  @IsOptional() @IsString()
  IDENTITY_UPSTREAM_CLIENT_SECRET?: string;

  /** The upstream ID token's claim that holds the local account's user name. */
  @IsString()
  IDENTITY_UPSTREAM_CLAIM: string = 'preferred_username';

  /** What the sign-in page calls the upstream login. */
  @IsString()
  IDENTITY_UPSTREAM_NAME: string = '统一身份认证';

  @IsOptional() @IsIn(['production', 'development', 'test'])
  NODE_ENV?: string;
}

/** An upstream provider the node trusts for its officers' sign-in (account linking by a claim to the user name). */
export interface UpstreamProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  claim: string;
  name: string;
}

export interface IdentityConfig {
  publicOrigin: string;
  issuer: string;
  signingKeyFile?: string;
  production: boolean;
  cookieSecret: string;
  vaultKey: string;
  totpForStationManagers: boolean;
  initialAccountsFile?: string;
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  lockout: { maxFailures: number; lockMinutes: number };
  upstream?: UpstreamProvider;
}

export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

/** Where npm start keeps a node's development secrets (tools/dev-secrets). */
const DEVELOPMENT_KEY_STORE = /(^|[\\/])\.run[\\/]secrets[\\/]/;

export function identityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const raw = loadConfig(IdentityEnv, env);
  const production = raw.NODE_ENV === 'production';
  if (production && !raw.IDENTITY_SIGNING_KEY_FILE) {
    throw new Error('invalid configuration:\n  IDENTITY_SIGNING_KEY_FILE: required in production (the node signs its officers\' access tokens with it)');
  }
  if (production && DEVELOPMENT_KEY_STORE.test(raw.IDENTITY_SIGNING_KEY_FILE!)) {
    throw new Error('invalid configuration:\n  IDENTITY_SIGNING_KEY_FILE: a development value, never for production — the key npm start made under .run/secrets; give the node its own key file');
  }
  const publicOrigin = raw.PUBLIC_ORIGIN.replace(/\/+$/, '');
  return {
    publicOrigin,
    issuer: `${publicOrigin}/oidc`,
    signingKeyFile: raw.IDENTITY_SIGNING_KEY_FILE,
    production,
    cookieSecret: secretOrEphemeral('IDENTITY_COOKIE_SECRET', raw.IDENTITY_COOKIE_SECRET, raw.NODE_ENV, 'sign-in cookies are signed'),
    vaultKey: secretOrEphemeral('IDENTITY_VAULT_KEY', raw.IDENTITY_VAULT_KEY, raw.NODE_ENV, 'TOTP secrets are sealed (enrolments do not survive a restart)'),
    totpForStationManagers: raw.IDENTITY_TOTP_STATION_MANAGERS === 'on',
    initialAccountsFile: raw.IDENTITY_INITIAL_ACCOUNTS_FILE,
    accessTokenSeconds: raw.IDENTITY_ACCESS_TOKEN_SECONDS,
    refreshTokenSeconds: raw.IDENTITY_REFRESH_TOKEN_SECONDS,
    lockout: { maxFailures: raw.IDENTITY_MAX_FAILURES, lockMinutes: raw.IDENTITY_LOCK_MINUTES },
    ...(raw.IDENTITY_UPSTREAM_ISSUER ? { upstream: upstreamOf(raw) } : {}),
  };
}

function upstreamOf(raw: IdentityEnv): UpstreamProvider {
  if (!raw.IDENTITY_UPSTREAM_CLIENT_ID) throw new Error('invalid configuration:\n  IDENTITY_UPSTREAM_CLIENT_ID: required with IDENTITY_UPSTREAM_ISSUER');
  const secret = raw.NODE_ENV === 'production'
    ? productionSecret('IDENTITY_UPSTREAM_CLIENT_SECRET', raw.IDENTITY_UPSTREAM_CLIENT_SECRET, 'the node authenticates to the upstream provider')
    : (raw.IDENTITY_UPSTREAM_CLIENT_SECRET ?? '');
  return { issuer: raw.IDENTITY_UPSTREAM_ISSUER!.replace(/\/+$/, ''), clientId: raw.IDENTITY_UPSTREAM_CLIENT_ID, clientSecret: secret, claim: raw.IDENTITY_UPSTREAM_CLAIM, name: raw.IDENTITY_UPSTREAM_NAME };
}
