import { createHmac, timingSafeEqual } from 'node:crypto';
import { PHOTO_REF } from './photo-store';

/**
 * Photos are never public: a reader gets a link that names the photo, when it stops working and
 * an HMAC over both with the service's PHOTO_URL_SECRET. The link is relative to the service
 * (through the node web front: /api/<service>/<link>).
 */
export const PHOTO_LINK_TTL_SECONDS = 10 * 60;

export function signPhotoLink(secret: string, ref: string, nowMs: number, ttlSeconds = PHOTO_LINK_TTL_SECONDS): string {
  const exp = Math.floor(nowMs / 1000) + ttlSeconds;
  return `photos/${ref}.jpg?exp=${exp}&sig=${signature(secret, ref, exp)}`;
}

export function isValidPhotoLink(secret: string, ref: string, exp: unknown, sig: unknown, nowMs: number): boolean {
  if (!PHOTO_REF.test(ref) || typeof sig !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
  const expires = Number(exp);
  if (!Number.isInteger(expires) || expires * 1000 < nowMs) return false;
  return timingSafeEqual(Buffer.from(sig), Buffer.from(signature(secret, ref, expires)));
}

function signature(secret: string, ref: string, exp: number): string {
  return createHmac('sha256', secret).update(`photo:v1:${ref}:${exp}`).digest('base64url');
}
