import { createHash } from 'node:crypto';
import { v7 as uuidv7, validate, version } from 'uuid';

/** Time-ordered ids: index-friendly in Postgres and free of dots, so safe as a subject token. */
export function newId(): string {
  return uuidv7();
}

/** Any UUID (what a uuid column takes without an error). */
export const isUuid = (value: string): boolean => validate(value);

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}

/**
 * A deterministic UUID v7-shaped id derived from a cause (the event that triggered a reaction)
 * and a purpose, so a redelivered event yields the same command id and the retry is a no-op.
 * It keeps the cause's time prefix, so ids still sort by time.
 */
export function derivedId(causeId: string, purpose: string): string {
  const hash = createHash('sha256').update(`${causeId}:${purpose}`).digest('hex');
  const timePrefix = causeId.replace(/-/g, '').slice(0, 12);
  const variant = ((parseInt(hash[3]!, 16) & 0x3) | 0x8).toString(16);
  const hex = `${timePrefix}7${hash.slice(0, 3)}${variant}${hash.slice(4, 19)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
