import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

/** Who signs in at the fake provider next, and how it misbehaves (to test that the client refuses it). */
export interface FakeUpstreamSignIn {
  claims: Record<string, unknown>;
  /** The officer declines at the provider (error=access_denied). */
  deny?: boolean;
  /** The ID token it answers with: another nonce, another audience, or signed by a key it never published. */
  tamper?: 'nonce' | 'audience' | 'key';
}

/**
 * A small OpenID Connect provider for tests (a province's unified login, as an upstream of a
 * node's identity service): discovery, JWKS (RS256), /authorize that signs in whoever the test
 * says without a page, /token for a confidential client with PKCE. It checks what a provider must
 * (client, secret, redirect URI, code once, PKCE verifier) and records the token requests.
 */
export class FakeOidcProvider {
  private server?: Server;
  private issuerUrl = '';
  private keys?: { privateKey: CryptoKey; jwk: Record<string, unknown>; stranger: CryptoKey };
  private readonly codes = new Map<string, { redirectUri: string; challenge: string; nonce: string; signIn: FakeUpstreamSignIn }>();
  readonly tokenRequests: Array<Record<string, string>> = [];
  next: FakeUpstreamSignIn = { claims: { sub: 'upstream-user' } };

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    private readonly redirectUris: () => string[],
  ) {}

  get issuer(): string {
    return this.issuerUrl;
  }

  async start(): Promise<this> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const stranger = (await generateKeyPair('RS256')).privateKey;
    this.keys = { privateKey, stranger, jwk: { ...(await exportJWK(publicKey)), kid: 'fake-1', alg: 'RS256', use: 'sig' } };
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    this.issuerUrl = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.issuerUrl);
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    switch (`${request.method} ${url.pathname}`) {
      case 'GET /.well-known/openid-configuration':
        return json(200, {
          issuer: this.issuerUrl,
          authorization_endpoint: `${this.issuerUrl}/authorize`,
          token_endpoint: `${this.issuerUrl}/token`,
          jwks_uri: `${this.issuerUrl}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_post'],
        });
      case 'GET /jwks':
        return json(200, { keys: [this.keys!.jwk] });
      case 'GET /authorize': {
        const q = url.searchParams;
        const redirectUri = q.get('redirect_uri') ?? '';
        if (q.get('client_id') !== this.clientId || !this.redirectUris().includes(redirectUri)) return json(400, { error: 'invalid_client' });
        if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('nonce')) return json(400, { error: 'invalid_request' });
        const back = new URL(redirectUri);
        back.searchParams.set('state', q.get('state') ?? '');
        if (this.next.deny) {
          back.searchParams.set('error', 'access_denied');
        } else {
          const code = randomBytes(16).toString('base64url');
          this.codes.set(code, { redirectUri, challenge: q.get('code_challenge')!, nonce: q.get('nonce')!, signIn: this.next });
          back.searchParams.set('code', code);
        }
        response.writeHead(302, { location: back.toString() }).end();
        return;
      }
      case 'POST /token': {
        const form = Object.fromEntries(new URLSearchParams(await body(request)));
        this.tokenRequests.push(form);
        if (form['client_id'] !== this.clientId || form['client_secret'] !== this.clientSecret) return json(401, { error: 'invalid_client' });
        const issued = this.codes.get(form['code'] ?? '');
        this.codes.delete(form['code'] ?? '');
        if (!issued || issued.redirectUri !== form['redirect_uri']) return json(400, { error: 'invalid_grant' });
        if (createHash('sha256').update(form['code_verifier'] ?? '').digest('base64url') !== issued.challenge) return json(400, { error: 'invalid_grant', error_description: 'PKCE' });
        const { claims, tamper } = issued.signIn;
        const idToken = await new SignJWT({ ...claims, nonce: tamper === 'nonce' ? 'another-nonce' : issued.nonce })
          .setProtectedHeader({ alg: 'RS256', kid: 'fake-1' })
          .setIssuer(this.issuerUrl)
          .setAudience(tamper === 'audience' ? 'another-client' : this.clientId)
          .setSubject(String(claims['sub'] ?? 'upstream-user'))
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(tamper === 'key' ? this.keys!.stranger : this.keys!.privateKey);
        return json(200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
      }
      default:
        return json(404, { error: 'not_found' });
    }
  }
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
