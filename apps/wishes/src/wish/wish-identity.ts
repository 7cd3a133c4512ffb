import { createHash, createHmac, randomInt } from 'node:crypto';

/** Crockford base32 without I, L, O, U: read aloud and typed from a phone without mistakes. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const WISH_NO_DIGITS = 9;
export const WISH_NO_PATTERN = /^W[0-9A-HJKMNP-TV-Z]{9}$/;

/** `W` + 9 random characters (45 bits): not guessable in sequence, short enough to write down. */
export function newWishNo(): string {
  let digits = '';
  for (let i = 0; i < WISH_NO_DIGITS; i++) digits += ALPHABET[randomInt(ALPHABET.length)];
  return `W${digits}`;
}

/** Upper-cases and maps look-alikes (O→0, I/L→1) so a number copied by hand still matches. */
export function normaliseWishNo(input: string): string {
  return input.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * The author's secret for confirm / rate / reopen. Derived from the wish id, so a replayed post
 * hands back the same key; events hold only its hash.
 */
export function authorKeyFor(secret: string, wishId: string): string {
  return createHmac('sha256', secret).update(`author:${wishId}`).digest('base64url').slice(0, 24);
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
