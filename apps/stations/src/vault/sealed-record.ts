import { newDataKey, open, seal } from '@ws/kernel';

/**
 * One record of a stations vault (legal-aid workers, welfare handouts' member cards): sealed with
 * its own key, the key wrapped by the vault's master key, both bound to the record's reference
 * (AAD `<purpose>:<ref>`, `<purpose>-key:<ref>`). Deleting the wrapped key erases the record
 * (crypto-shredding); a backup of the sealed rows without the keys is noise.
 */
export interface SealedRecord {
  sealed: Buffer;
  wrappedKey: Buffer;
}

export function sealRecord(masterKey: Buffer, purpose: string, ref: string, payload: unknown): SealedRecord {
  const dataKey = newDataKey();
  return {
    sealed: seal(dataKey, `${purpose}:${ref}`, Buffer.from(JSON.stringify(payload), 'utf8')),
    wrappedKey: seal(masterKey, `${purpose}-key:${ref}`, dataKey),
  };
}

export function openRecord<T>(masterKey: Buffer, purpose: string, ref: string, record: SealedRecord): T {
  const dataKey = open(masterKey, `${purpose}-key:${ref}`, record.wrappedKey);
  return JSON.parse(open(dataKey, `${purpose}:${ref}`, record.sealed).toString('utf8')) as T;
}
