import { randomBytes } from 'node:crypto';

/** Crockford base32 without I, L, O, U: nothing to misread when a worker types it in. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 10;

/**
 * RH + the Beijing date + 10 random characters (50 bits), e.g. RH260601K7Q2ZD9MX4. Random, so numbers
 * cannot be enumerated; the status look-up also needs the applicant's mobile.
 */
export function newApplicationNumber(now: Date): string {
  const beijing = new Date(now.getTime() + 8 * 3_600_000).toISOString();
  const day = `${beijing.slice(2, 4)}${beijing.slice(5, 7)}${beijing.slice(8, 10)}`;
  const bytes = randomBytes(RANDOM_CHARS);
  let random = '';
  for (let i = 0; i < RANDOM_CHARS; i++) random += ALPHABET[bytes[i]! & 31];
  return `RH${day}${random}`;
}

export const APPLICATION_NUMBER = /^RH\d{6}[0-9A-HJKMNP-TV-Z]{10}$/;
