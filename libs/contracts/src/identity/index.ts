import type { DomainEvent } from '../envelope';
import type { NodeRef } from '../nodes';
import { directiveSubject } from '../subjects';

/**
 * Officers' identity across the federation. Each node's identity service is an OpenID Connect
 * provider (issuer `<node public origin>/oidc`) that signs short-lived EdDSA access tokens. Its
 * public keys and its revoked sessions travel down the DIR streams, so the node's own services and
 * every node below it can verify a token offline; a key is believed only from the node it names
 * (the subject's node = data.node).
 *
 *   identity  SigningKeysAnnounced | SessionsRevoked   (dir.<node tokens>.identity.<type>.<id>)
 */
export const IDENTITY_CONTEXT = 'identity';

export const OFFICER_ROLES = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager', 'ops_admin'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** The audience every officer access token carries. */
export const ACCESS_TOKEN_AUDIENCE = 'waystation';
/** The longest an access token may live (seconds). */
export const ACCESS_TOKEN_MAX_SECONDS = 15 * 60;

/** Claims of an officer access token beyond iss/aud/exp/iat/sub. */
export interface OfficerClaims {
  /** Session id: revoking it ends every token of the session. */
  sid: string;
  role: OfficerRole;
  /** GB/T 2260 code of the account's node; never empty. */
  node: string;
  /** 街道 code, for street officers. */
  street?: string;
  /** Station id, for station managers. */
  station?: string;
}

/** A public Ed25519 key as a JWK (`kty: 'OKP', crv: 'Ed25519', x`). */
export interface PublicSigningKey {
  kid: string;
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; kid?: string; alg?: 'EdDSA'; use?: 'sig' };
  /** ISO instants: tokens issued (iat) outside this window are refused. */
  notBefore: string;
  notAfter: string;
}

export type SigningKeysAnnounced = DomainEvent<'SigningKeysAnnounced', { node: string; issuer: string; keys: PublicSigningKey[] }>;
/** Sessions ended (log-out, lock, password change, an officer's revocation); `until` = when their last token expires anyway. */
export type SessionsRevoked = DomainEvent<'SessionsRevoked', { node: string; sessionIds: string[]; until: string }>;
export type IdentityDirective = SigningKeysAnnounced | SessionsRevoked;
export type IdentityDirectiveType = IdentityDirective['type'];

export const IDENTITY_DIRECTIVE_SCHEMAS = { SigningKeysAnnounced: 1, SessionsRevoked: 1 } as const satisfies Record<IdentityDirectiveType, number>;

/** dir.<node tokens>.identity.<type>.<id>: captured by the node's DIR, sourced by its descendants'. */
export function identityDirectiveSubject(node: NodeRef, type: IdentityDirectiveType, id: string): string {
  return directiveSubject(node, IDENTITY_CONTEXT, type, id);
}
