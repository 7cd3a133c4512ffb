import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint } from 'jose';

/** A private Ed25519 JWK as the key file holds it. */
export interface PrivateSigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** A new Ed25519 key pair as a private JWK, its kid the RFC 7638 thumbprint. */
export async function newSigningJwk(): Promise<PrivateSigningJwk> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { kty: 'OKP'; crv: 'Ed25519'; x: string; d: string };
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid: await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }), alg: 'EdDSA', use: 'sig' };
}

/**
 * The keys of IDENTITY_SIGNING_KEY_FILE: one private JWK, or a JWKS whose first key is the
 * newest (it signs once announced) and whose others are older keys still announced until the
 * tokens they signed expire. Anything but private Ed25519 keys is refused.
 */
export async function readSigningKeys(file: string): Promise<PrivateSigningJwk[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`IDENTITY_SIGNING_KEY_FILE ${file} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const keys = (parsed as { keys?: unknown }).keys ?? [parsed];
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`IDENTITY_SIGNING_KEY_FILE ${file} holds no key`);
  return Promise.all(
    keys.map(async (key: Record<string, unknown>) => {
      if (key['kty'] !== 'OKP' || key['crv'] !== 'Ed25519' || typeof key['x'] !== 'string' || typeof key['d'] !== 'string') {
        throw new Error(`IDENTITY_SIGNING_KEY_FILE ${file}: every key must be a private Ed25519 JWK (kty OKP, crv Ed25519, x, d)`);
      }
      const x = key['x'];
      const kid = typeof key['kid'] === 'string' ? key['kid'] : await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x });
      return { kty: 'OKP', crv: 'Ed25519', x, d: key['d'], kid, alg: 'EdDSA', use: 'sig' } as PrivateSigningJwk;
    }),
  );
}

/** Puts a new key first in the file (a rotation), keeping the older ones after it. */
export async function prependSigningKey(file: string, key: PrivateSigningJwk): Promise<void> {
  const older = existsSync(file) ? await readSigningKeys(file) : [];
  writeFileSync(file, `${JSON.stringify({ keys: [key, ...older] }, null, 2)}\n`, { mode: 0o600 });
}

/** The key file's first key, made (with its folder, owner-only) when the file does not exist yet; true when it was made. */
export async function ensureSigningKeyFile(file: string): Promise<boolean> {
  if (existsSync(file)) return false;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(await newSigningJwk(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return true;
}
