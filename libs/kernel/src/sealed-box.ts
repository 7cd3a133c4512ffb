import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Encryption of personal data at rest (PIPL), shared by every service that keeps some: each
 * person (or contact) gets a data key, the data key is wrapped by the service's master key, and
 * erasure deletes the wrapped key (crypto-shredding) while the event log stays intact.
 * AES-256-GCM; the associated data binds a ciphertext to its owner and purpose, so a value
 * copied onto another person's row does not open.
 */
export interface SealedParts {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** First byte of a packed box: lets a later key rotation tell old packings from new. */
const PACKED_FORMAT = 1;

export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** A 32-byte key for one purpose from a configured secret (master key, HMAC key …). */
export function deriveKey(secret: string, purpose: string): Buffer {
  return createHash('sha256').update(`${purpose}:${secret}`).digest();
}

export function sealParts(key: Buffer, aad: string, plaintext: Buffer): SealedParts {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag() };
}

export function openParts(key: Buffer, aad: string, sealed: SealedParts): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, sealed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

/** One column's worth: [format][iv 12][tag 16][ciphertext]. */
export function seal(key: Buffer, aad: string, plaintext: Buffer): Buffer {
  const { iv, tag, ciphertext } = sealParts(key, aad, plaintext);
  return Buffer.concat([Buffer.from([PACKED_FORMAT]), iv, tag, ciphertext]);
}

export function open(key: Buffer, aad: string, packed: Buffer): Buffer {
  if (packed[0] !== PACKED_FORMAT) throw new Error(`unknown sealed format ${packed[0]}`);
  return openParts(key, aad, {
    iv: packed.subarray(1, 1 + IV_BYTES),
    tag: packed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES),
    ciphertext: packed.subarray(1 + IV_BYTES + TAG_BYTES),
  });
}

/**
 * One record of a vault (a person's details, a contact, a handout's member cards): sealed with a
 * data key of its own, the data key wrapped by the vault's master key, both bound to the record's
 * reference (AAD `<purpose>:<ref>` and `<purpose>-key:<ref>`). The two parts go in two rows, so
 * deleting the wrapped key erases the record (crypto-shredding); a backup of the sealed rows
 * without the keys is noise.
 */
export interface SealedRecord {
  sealed: Buffer;
  wrappedKey: Buffer;
}

export function sealRecord(masterKey: Buffer, purpose: string, ref: string, plaintext: Buffer): SealedRecord {
  const dataKey = newDataKey();
  return { sealed: seal(dataKey, `${purpose}:${ref}`, plaintext), wrappedKey: seal(masterKey, `${purpose}-key:${ref}`, dataKey) };
}

export function openRecord(masterKey: Buffer, purpose: string, ref: string, record: SealedRecord): Buffer {
  return open(open(masterKey, `${purpose}-key:${ref}`, record.wrappedKey), `${purpose}:${ref}`, record.sealed);
}

/** A record whose value is JSON (a volunteer's name and mobile, a handout's member cards): its UTF-8 text sealed as above. */
export function sealJsonRecord(masterKey: Buffer, purpose: string, ref: string, value: unknown): SealedRecord {
  return sealRecord(masterKey, purpose, ref, Buffer.from(JSON.stringify(value), 'utf8'));
}

export function openJsonRecord<T>(masterKey: Buffer, purpose: string, ref: string, record: SealedRecord): T {
  return JSON.parse(openRecord(masterKey, purpose, ref, record).toString('utf8')) as T;
}

/**
 * A keyed hash for matching without decrypting (the same mobile gives the same value). Without
 * the key nobody can test guesses: a mobile or ID number has too little entropy for a plain hash.
 * The purpose keeps two kinds of value from ever matching each other.
 */
export function keyedHash(key: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${purpose}:${value}`).digest('hex');
}
