import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OfficerSigningKey } from '@ws/kernel';
import { runDir } from './processes';

/**
 * A development secret of one node, made once and kept under .run/secrets/<code>/<name> (never
 * committed): the same across restarts, so printed station codes keep working; different per
 * node. Production sets its own through the environment.
 */
export const devNodeSecret = (code: string, name: string): string => devSecretIn(join(runDir(), 'secrets', code, name));

/**
 * The federation's development secret (the nats-servers' passwords derive from it), one for all
 * the nodes npm start runs: .run/secrets/federation-secret. FEDERATION_SECRET set wins.
 */
export const devFederationSecret = (env: NodeJS.ProcessEnv = process.env): string => env['FEDERATION_SECRET'] || devSecretIn(join(runDir(), 'secrets', 'federation-secret'));

/** 32 random bytes as hex, made once in `file` (mode 0600) and read from it after. */
function devSecretIn(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Whether npm start has made the node's development secret `name` yet (under .run/secrets/<code>/). */
export const hasDevNodeSecret = (code: string, name: string): boolean => existsSync(join(runDir(), 'secrets', code, name));

/**
 * The VAPID key pair of one node's web push (P-256, as `web-push generate-vapid-keys` prints:
 * the uncompressed public point and the private scalar, base64url), made once under
 * .run/secrets/<code>/vapid.json (mode 0600, never committed).
 */
export function devVapidKeys(code: string): { publicKey: string; privateKey: string } {
  const file = join(runDir(), 'secrets', code, 'vapid.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const jwk = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  const keys = { publicKey: point.toString('base64url'), privateKey: jwk.d! };
  writeFileSync(file, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  return keys;
}

/**
 * An officers' signing key (Ed25519, a private JWK with its kid) kept in `file`, made there on
 * first use (mode 0600, never committed). The identity service reads it (IDENTITY_SIGNING_KEY_FILE).
 */
export function signingKeyFileAt(file: string, code: string): string {
  if (existsSync(file)) return file;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const kid = `${code}-${createHash('sha256').update(jwk.x!).digest('base64url').slice(0, 16)}`;
  writeFileSync(file, `${JSON.stringify({ ...jwk, kid, alg: 'EdDSA', use: 'sig' })}\n`, { mode: 0o600 });
  return file;
}

/** The development key of one node: .run/secrets/<code>/officer-signing-key.jwk. */
export const devSigningKeyFile = (code: string) => signingKeyFileAt(join(runDir(), 'secrets', code, 'officer-signing-key.jwk'), code);

type PrivateJwk = { kid: string; x: string; d: string };

/**
 * The signing key in `file`, for tokens of `issuer` (`<node public origin>/oidc`): one private JWK,
 * or a JWKS whose first key is the newest (the identity service rotates the file that way).
 */
export function signingKeyIn(file: string, issuer: string): OfficerSigningKey {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as PrivateJwk | { keys: PrivateJwk[] };
  const jwk = 'keys' in parsed ? parsed.keys[0] : parsed;
  if (!jwk?.kid || !jwk.x || !jwk.d) throw new Error(`${file}: no private Ed25519 key with a kid`);
  return { kid: jwk.kid, issuer, privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d } };
}
