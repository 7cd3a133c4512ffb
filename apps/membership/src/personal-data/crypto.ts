import { keyedHash, newDataKey, open, openParts, seal, sealParts, type SealedParts } from '@ws/kernel';

export { newDataKey };

/*
 * A person's data key wrapped by the master key (`person_keys`, AAD `person-key:<id>`) and their
 * data sealed with it (`person_data`, AAD `person-data:<id>`): the kernel's sealed record in all
 * but layout, so not sealRecord nor the platform's SealedVault. The data is stored as three
 * columns (ciphertext, iv, tag) rather than one packed box, under other associated data, written
 * in batches (unnest) with the `persons` row and its HMACs, and re-sealed under the same key when
 * a member's details change; the rows of the first release are stored so.
 */

/** What the vault protects. Nothing else about a person is personal data in this service. */
export interface PersonalData {
  name: string;
  mobile: string;
  idNumber: string;
}

export type SealedData = SealedParts;

/** A secret wrapped by the master key for one purpose (the associated data). */
export function wrapSecret(masterKey: Buffer, purpose: string, secret: Buffer): Buffer {
  return seal(masterKey, purpose, secret);
}

export function unwrapSecret(masterKey: Buffer, purpose: string, wrapped: Buffer): Buffer {
  return open(masterKey, purpose, wrapped);
}

/** The data key wrapped by the master key, bound to the person so a key copied onto another person's row does not open. */
export function wrapDataKey(masterKey: Buffer, personId: string, dataKey: Buffer): Buffer {
  return wrapSecret(masterKey, `person-key:${personId}`, dataKey);
}

export function unwrapDataKey(masterKey: Buffer, personId: string, wrapped: Buffer): Buffer {
  return unwrapSecret(masterKey, `person-key:${personId}`, wrapped);
}

export function sealPersonalData(dataKey: Buffer, personId: string, data: PersonalData): SealedData {
  return sealParts(dataKey, `person-data:${personId}`, Buffer.from(JSON.stringify([data.name, data.mobile, data.idNumber]), 'utf8'));
}

export function openPersonalData(dataKey: Buffer, personId: string, sealed: SealedData): PersonalData {
  const [name, mobile, idNumber] = JSON.parse(openParts(dataKey, `person-data:${personId}`, sealed).toString('utf8')) as [string, string, string];
  return { name, mobile, idNumber };
}

/**
 * Keyed hashes for matching without decrypting: the same ID number gives the same value, and
 * without the key nobody can test guesses (an ID number has too little entropy for a plain hash).
 * The purpose prefix keeps the two kinds from ever matching each other.
 */
export function idNumberHmac(hmacKey: Buffer, idNumber: string): string {
  return keyedHash(hmacKey, 'id-number', idNumber);
}

export function mobileHmac(hmacKey: Buffer, mobile: string): string {
  return keyedHash(hmacKey, 'mobile', mobile);
}
