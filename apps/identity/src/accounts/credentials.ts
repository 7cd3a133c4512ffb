import { hash, verify } from '@node-rs/argon2';
import { generateSecret, generateURI, verifySync } from 'otplib';

/**
 * argon2id with OWASP's first recommended set (19 MiB, 2 passes, 1 lane): about 30–60 ms a
 * hash on one core, so a sign-in stays well under 300 ms on 2 cores while an offline guess
 * costs the same memory each time. Parameters live in each hash (PHC string), so raising
 * them later re-hashes at the next sign-in.
 */
/** Algorithm.Argon2id (2): the package's enum is an ambient const enum, unusable under isolatedModules. */
const ARGON2ID = 2;
export const ARGON2_PARAMETERS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMETERS);
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}

/** A hash to verify against when the user name is unknown: the answer takes as long as for a real account. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('waystation-decoy-password');
  return decoy;
}

/** RFC 6238 TOTP as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, label: string): string {
  return generateURI({ issuer: '工会驿站', label, secret });
}

/**
 * The time step of a valid code (one step of clock drift either way), or undefined. A step at
 * or before `lastStep` is a replay of a code already used.
 */
export function verifyTotp(secret: string, code: string, now: Date, lastStep?: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = verifySync({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 });
  if (!result.valid) return undefined;
  const step = (result as { timeStep: number }).timeStep;
  return lastStep !== undefined && step <= lastStep ? undefined : step;
}
