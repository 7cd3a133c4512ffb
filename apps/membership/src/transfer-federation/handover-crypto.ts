import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, KeyObject, randomBytes } from 'node:crypto';
import type { PersonalData } from '../personal-data/crypto';

/**
 * Handing a transferred member's personal data from the source node to the target node without
 * it ever sitting in a stream or being readable by a node in between: the target makes an
 * X25519 key pair for the transfer and sends only the public key up with its acceptance; the
 * source seals the data to that key (ephemeral ECDH → HKDF-SHA256 → AES-256-GCM, bound to the
 * transfer id) and answers a request with the sealed box; the target opens it and forgets its key.
 */
export interface HandoverKeyPair {
  /** Raw 32-byte X25519 public key, base64: travels in events and directives. */
  publicKey: string;
  /** PKCS#8 DER: stays in the target's database until the data has arrived. */
  privateKey: Buffer;
}

export interface SealedHandover {
  ephemeralPublicKey: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export function newHandoverKeyPair(): HandoverKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawPublicKey(publicKey), privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }) };
}

function rawPublicKey(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).subarray(X25519_SPKI_PREFIX.length).toString('base64');
}

function publicKeyFromRaw(raw: string): KeyObject {
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length !== 32) throw new Error('an X25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, bytes]), format: 'der', type: 'spki' });
}

function contentKey(shared: Buffer, transferId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(transferId, 'utf8'), Buffer.from('waystation membership handover v1', 'utf8'), 32));
}

export function sealHandover(recipientPublicKey: string, transferId: string, data: PersonalData): SealedHandover {
  const ephemeral = generateKeyPairSync('x25519');
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyFromRaw(recipientPublicKey) });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', contentKey(shared, transferId), iv);
  cipher.setAAD(Buffer.from(transferId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify([data.name, data.mobile, data.idNumber]), 'utf8'), cipher.final()]);
  return {
    ephemeralPublicKey: rawPublicKey(ephemeral.publicKey),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

export function openHandover(privateKey: Buffer, transferId: string, sealed: SealedHandover): PersonalData {
  const shared = diffieHellman({
    privateKey: createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' }),
    publicKey: publicKeyFromRaw(sealed.ephemeralPublicKey),
  });
  const decipher = createDecipheriv('aes-256-gcm', contentKey(shared, transferId), Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(transferId, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  const [name, mobile, idNumber] = JSON.parse(plain) as [string, string, string];
  return { name, mobile, idNumber };
}
