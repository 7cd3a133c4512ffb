import { openRecord as openBytes, sealRecord as sealBytes } from '@ws/kernel';
import type { SealedRecord } from '@ws/kernel';

/**
 * A stations vault's record (legal-aid workers, welfare handouts' member cards) is JSON in the
 * kernel's sealed record: its own key, wrapped by the vault's master key, both bound to the
 * record's reference.
 */
export function sealRecord(masterKey: Buffer, purpose: string, ref: string, payload: unknown): SealedRecord {
  return sealBytes(masterKey, purpose, ref, Buffer.from(JSON.stringify(payload), 'utf8'));
}

export function openRecord<T>(masterKey: Buffer, purpose: string, ref: string, record: SealedRecord): T {
  return JSON.parse(openBytes(masterKey, purpose, ref, record).toString('utf8')) as T;
}
