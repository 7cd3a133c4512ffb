import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { Kysely } from 'kysely';
import { CLOCK } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { IdentityDatabase } from '../db/database';
import { IDENTITY_CONFIG } from '../identity.config';
import type { IdentityConfig, UpstreamProvider } from '../identity.config';
import { OIDC_PREFIX } from './oidc.service';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** Why an upstream sign-in ends without an account, in Chinese for the officer. */
export class UpstreamRefused extends Error {}

/** How long an officer may take at the upstream provider's pages. */
const UPSTREAM_MINUTES = 10;

/**
 * Sign-in through an upstream OpenID Connect provider (a province's unified login): the
 * authorization code flow with PKCE, state and nonce, as a confidential client
 * (client_secret_post). The ID token is verified against the provider's published keys (issuer,
 * audience, expiry, nonce), and the configured claim names the local account by its user name:
 * the upstream proves who the officer is; role and scope stay the node's own.
 */
@Injectable()
export class UpstreamLogin {
  private discovery?: Promise<{ metadata: Discovery; keys: JWTVerifyGetKey }>;

  constructor(
    @Inject(DB) private readonly db: Kysely<IdentityDatabase>,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get provider(): UpstreamProvider | undefined {
    return this.config.upstream;
  }

  get callback(): string {
    return `${this.config.publicOrigin}${OIDC_PREFIX}/upstream/callback`;
  }

  /** Where to send the browser of interaction `uid`: the upstream's authorization endpoint, this attempt remembered. */
  async start(uid: string): Promise<string> {
    const upstream = this.required();
    const { metadata } = await this.discover();
    const [state, nonce, verifier] = [random(), random(), random()];
    await this.db
      .insertInto('upstream_sign_ins')
      .values({ state, uid, nonce, verifier, account_id: null, expires_at: new Date(this.clock.now().getTime() + UPSTREAM_MINUTES * 60_000) })
      .execute();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: upstream.clientId,
      redirect_uri: this.callback,
      scope: 'openid profile',
      state,
      nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    return `${metadata.authorization_endpoint}?${query}`;
  }

  /** The upstream's answer: the code exchanged, the ID token verified, the account found; returns the interaction to finish. */
  async complete(state: string | undefined, code: string | undefined, error: string | undefined): Promise<{ uid: string; accountId: string }> {
    const upstream = this.required();
    const attempt = state
      ? await this.db.selectFrom('upstream_sign_ins').selectAll().where('state', '=', state).where('expires_at', '>', this.clock.now()).executeTakeFirst()
      : undefined;
    if (!attempt || attempt.account_id !== null) throw new UpstreamRefused('登录请求已过期或无效，请回到工作台重新登录');
    if (error || !code) throw new UpstreamRefused(`${upstream.name}未完成登录（${error ?? '没有授权码'}）`);
    const { metadata, keys } = await this.discover();
    const response = await fetch(metadata.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.callback,
        code_verifier: attempt.verifier,
        client_id: upstream.clientId,
        client_secret: upstream.clientSecret,
      }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    const tokens = (await response.json().catch(() => ({}))) as { id_token?: string; error?: string };
    if (!response.ok || !tokens.id_token) throw new UpstreamRefused(`${upstream.name}拒绝了登录（${tokens.error ?? response.status}）`);
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(tokens.id_token, keys, { issuer: metadata.issuer, audience: upstream.clientId, requiredClaims: ['exp', 'iat', 'sub'], currentDate: this.clock.now() }));
    } catch {
      throw new UpstreamRefused(`${upstream.name}的身份凭证无效`);
    }
    if (claims['nonce'] !== attempt.nonce) throw new UpstreamRefused(`${upstream.name}的身份凭证无效`);
    const userName = claims[upstream.claim];
    if (typeof userName !== 'string' || userName === '') throw new UpstreamRefused(`${upstream.name}没有提供账号（${upstream.claim}）`);
    const account = await this.db.selectFrom('accounts').select('account_id').where((eb) => eb(eb.fn('lower', ['user_name']), '=', userName.toLowerCase())).executeTakeFirst();
    if (!account) throw new UpstreamRefused(`${upstream.name}账号 ${userName} 在本节点没有对应的干部账号，请联系上级管理员开通`);
    await this.db.updateTable('upstream_sign_ins').set({ account_id: account.account_id }).where('state', '=', state!).execute();
    return { uid: attempt.uid, accountId: account.account_id };
  }

  /** The account a finished upstream sign-in of interaction `uid` proved (used once). */
  async provedFor(uid: string): Promise<string | undefined> {
    const row = await this.db
      .deleteFrom('upstream_sign_ins')
      .where('uid', '=', uid)
      .where('account_id', 'is not', null)
      .where('expires_at', '>', this.clock.now())
      .returning('account_id')
      .executeTakeFirst();
    return row?.account_id ?? undefined;
  }

  private required(): UpstreamProvider {
    if (!this.config.upstream) throw new UpstreamRefused('本节点没有接入统一身份认证');
    return this.config.upstream;
  }

  private discover(): Promise<{ metadata: Discovery; keys: JWTVerifyGetKey }> {
    this.discovery ??= (async () => {
      const issuer = this.required().issuer;
      const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
      const metadata = (await response.json()) as Discovery;
      if (!response.ok || metadata.issuer !== issuer) throw new Error(`the upstream provider at ${issuer} does not describe itself as ${issuer}`);
      return { metadata, keys: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
    })().catch((error: unknown) => {
      this.discovery = undefined; // try again at the next sign-in
      throw error;
    });
    return this.discovery;
  }
}

const random = () => randomBytes(24).toString('base64url');
