import { importJWK } from 'jose';
import { NO_LEVEL, type IdentityDirective, type PublicSigningKey } from '@ws/contracts';
import type { OfficerTrust, TrustedKey } from '@ws/kernel';

/**
 * The officers' signing keys and revoked sessions this service believes: those announced on its
 * node's DIR stream (by the node's identity service and, sourced, by its ancestors'). A key is
 * believed only from the node it names (the directive subject's node = data.node), so a node can
 * never speak for another; a kid, once known, stays with the node that announced it first.
 */
export class TrustStore implements OfficerTrust {
  private readonly keys = new Map<string, TrustedKey>();
  /** Session id → when its last token expires anyway (ms), after which it is forgotten. */
  private readonly revoked = new Map<string, number>();

  key(kid: string): TrustedKey | undefined {
    return this.keys.get(kid);
  }

  isRevoked(sessionId: string): boolean {
    return this.revoked.has(sessionId);
  }

  /** Takes an identity directive read from `subject`; false when it is not believed (not from its own node, a bad key). */
  async accept(directive: IdentityDirective, subject: string, now: Date = new Date()): Promise<boolean> {
    const origin = directiveNode(subject);
    if (origin === undefined || origin !== directive.data.node) return false;
    switch (directive.type) {
      case 'SigningKeysAnnounced': {
        const { node, issuer, keys } = directive.data;
        const imported = await Promise.all(keys.map((key) => trustedKey(node, issuer, key)));
        if (imported.some((key) => key === undefined)) return false;
        for (const key of imported as TrustedKey[]) {
          const known = this.keys.get(key.kid);
          if (!known || known.node === node) this.keys.set(key.kid, key);
        }
        return true;
      }
      case 'SessionsRevoked': {
        const until = Date.parse(directive.data.until);
        for (const sid of directive.data.sessionIds) this.revoked.set(sid, Number.isNaN(until) ? Number.POSITIVE_INFINITY : until);
        for (const [sid, expires] of this.revoked) if (expires < now.getTime()) this.revoked.delete(sid);
        return true;
      }
      default:
        return false;
    }
  }
}

async function trustedKey(node: string, issuer: string, announced: PublicSigningKey): Promise<TrustedKey | undefined> {
  const { jwk } = announced;
  if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || 'd' in jwk) return undefined;
  const notBefore = Date.parse(announced.notBefore);
  const notAfter = Date.parse(announced.notAfter);
  if (!announced.kid || Number.isNaN(notBefore) || Number.isNaN(notAfter)) return undefined;
  try {
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'EdDSA');
    if (key instanceof Uint8Array) return undefined;
    return { kid: announced.kid, node, issuer, key, notBefore, notAfter };
  } catch {
    return undefined;
  }
}

/** The node a directive subject (dir.<province>.<city>.<district>.…) was published by: its deepest level. */
export function directiveNode(subject: string): string | undefined {
  const [kind, province, city, district] = subject.split('.');
  if (kind !== 'dir' || !province || !city || !district) return undefined;
  const deepest = [district, city, province].find((level) => level !== NO_LEVEL);
  return deepest;
}
