import { createHash } from 'node:crypto';
import { productionSecret } from '@ws/kernel';

/** The two secrets of the vault: the master key that wraps each person's data key, and the HMAC key. */
export interface PiiKeys {
  masterKey: Buffer;
  hmacKey: Buffer;
  /** True when a key fell back to the built-in development key (never acceptable in production). */
  development: boolean;
}

export const PII_KEYS = Symbol('PII_KEYS');

const devKey = (purpose: string) => createHash('sha256').update(`waystation development ${purpose} key — not secret`).digest();

/** 32 bytes as 64 hex characters or as base64 (44 characters with padding). */
export function parseKey(value: string, name: string): Buffer {
  const text = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(text) && key.toString('base64') !== text)) {
    throw new Error(`${name} must be 32 bytes, as 64 hex characters or base64`);
  }
  return key;
}

/** PII_MASTER_KEY and PII_HMAC_KEY from the environment; required in production, elsewhere missing ones fall back to development keys. */
export function piiKeysFromEnv(env: NodeJS.ProcessEnv = process.env): PiiKeys {
  const master = env['PII_MASTER_KEY'];
  const hmac = env['PII_HMAC_KEY'];
  if (env['NODE_ENV'] === 'production') {
    const development = (purpose: string) => [devKey(purpose).toString('hex'), devKey(purpose).toString('base64')];
    productionSecret('PII_MASTER_KEY', master, 'members\' personal data are sealed', development('master'));
    productionSecret('PII_HMAC_KEY', hmac, 'ID numbers and mobiles are looked up by HMAC', development('hmac'));
  }
  return {
    masterKey: master ? parseKey(master, 'PII_MASTER_KEY') : devKey('master'),
    hmacKey: hmac ? parseKey(hmac, 'PII_HMAC_KEY') : devKey('hmac'),
    development: !master || !hmac,
  };
}
