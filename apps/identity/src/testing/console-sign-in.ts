import { createHash, randomBytes } from 'node:crypto';
import { BrowserSession } from '@ws/testing';
import { CONSOLE_CLIENT_ID } from '../oidc/console-client';

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  id_token: string;
  expires_in: number;
}

/**
 * What the console does to sign an officer in, over HTTP without a browser: authorization code +
 * PKCE against a node's identity service at `base` whose public origin is `origin` (the console's
 * callback is only read from the last redirect, never opened). Tests and bench:auth use it.
 */
export class ConsoleSignIn {
  constructor(
    readonly base: string,
    readonly origin: string,
  ) {}

  get callback(): string {
    return `${this.origin}/console/callback`;
  }

  /** The console's first step: a browser with its PKCE verifier at the first sign-in page. */
  async authorize(): Promise<{ browser: BrowserSession; verifier: string; page: Response; state: string }> {
    const browser = new BrowserSession(this.base);
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(8).toString('hex');
    const query = new URLSearchParams({
      client_id: CONSOLE_CLIENT_ID,
      response_type: 'code',
      redirect_uri: this.callback,
      scope: 'openid offline_access officer',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state,
    });
    const page = await browser.follow(await browser.get(`/oidc/auth?${query}`));
    return { browser, verifier, page, state };
  }

  /** The code the provider sends the console back with, after a redirect chain that leaves the node. */
  async codeFrom(browser: BrowserSession, response: Response, state: string): Promise<string> {
    const last = await browser.follow(response);
    const location = new URL(last.headers.get('location') ?? 'about:blank');
    if (`${location.origin}${location.pathname}` !== this.callback || location.searchParams.get('state') !== state) {
      throw new Error(`no callback to the console: ${last.status} ${await last.text()}`);
    }
    return location.searchParams.get('code')!;
  }

  async tokenRequest(form: Record<string, string>): Promise<{ status: number; body: TokenSet & { error?: string } }> {
    const response = await fetch(`${this.base}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: CONSOLE_CLIENT_ID, ...form }).toString(),
    });
    return { status: response.status, body: (await response.json()) as TokenSet & { error?: string } };
  }

  /** Password, then the authenticator's code (asked for once the password is right), then the code exchange. */
  async signIn(userName: string, password: string, totpCode: () => string): Promise<{ tokens: TokenSet; browser: BrowserSession }> {
    const { browser, verifier, page, state } = await this.authorize();
    const uid = interactionUid(page);
    const afterPassword = await browser.follow(await browser.postForm(`/oidc/interaction/${uid}/login`, { userName, password }));
    if (!(await afterPassword.clone().text()).includes('动态码')) throw new Error(`no TOTP step after the password: ${afterPassword.status}`);
    const code = await this.codeFrom(browser, await browser.postForm(`/oidc/interaction/${uid}/totp`, { code: totpCode() }), state);
    const { status, body } = await this.tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: this.callback, code_verifier: verifier });
    if (status !== 200) throw new Error(`token request refused: ${status} ${JSON.stringify(body)}`);
    return { tokens: body, browser };
  }
}

/** The interaction's uid from the sign-in page's address. */
export function interactionUid(page: Response): string {
  const match = /\/oidc\/interaction\/([A-Za-z0-9_-]+)/.exec(page.url);
  if (!match) throw new Error('no interaction in the answer');
  return match[1]!;
}
