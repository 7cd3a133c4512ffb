import { decodeProtectedHeader, importJWK, jwtVerify, SignJWT, errors as joseErrors, type CryptoKey } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_MAX_SECONDS, OFFICER_ROLES, type OfficerRole, type PublicSigningKey } from '@ws/contracts';

export const ROLES = OFFICER_ROLES;
export type Role = OfficerRole;
/** The union's officers: every role but ops_admin (who runs the node's machinery, not its work). */
export const UNION_ROLES = ROLES.filter((role) => role !== 'ops_admin') as Exclude<Role, 'ops_admin'>[];
/** Who runs the node's machinery (projections, rebuilds, parked reactions, dead letters). */
export const OPS_ROLES: Role[] = ['ops_admin', 'province_officer', 'city_officer', 'district_officer'];

/** Who is calling: a role, the node whose officer they are, and for street/station roles the place. */
export interface Principal {
  subject: string;
  role: Role;
  node: string;
  street?: string;
  station?: string;
  /** The login session the token belongs to (revoking it ends the token). */
  session?: string;
}

/** A verification key as the trust store holds it: whose, for which issuer, valid for tokens issued when. */
export interface TrustedKey {
  kid: string;
  node: string;
  issuer: string;
  key: CryptoKey;
  notBefore: number;
  notAfter: number;
}

/** What verification needs to know: the keys announced by the node and its ancestors, and revoked sessions. */
export interface OfficerTrust {
  key(kid: string): TrustedKey | undefined;
  isRevoked(sessionId: string, at: Date): boolean;
  /** Looks for keys announced a moment ago (an unknown kid); rate-limited by the store. */
  refresh?(): Promise<void>;
}

/** The length of the node code each union role belongs to (GB/T 2260: 2 province, 4 city, 6 district); ops_admin: any. */
const NODE_LENGTH_OF_ROLE: Record<Role, number | undefined> = {
  province_officer: 2,
  city_officer: 4,
  district_officer: 6,
  street_officer: 6,
  station_manager: 6,
  ops_admin: undefined,
};

/** A role fits the level of the node it belongs to (a district officer of a province is no one). */
export function roleFitsNode(role: Role, node: string): boolean {
  const length = NODE_LENGTH_OF_ROLE[role];
  return length === undefined || node.length === length;
}

/** Why a token is refused (for logs and tests; the caller sees one 401). */
export class TokenRefused extends Error {}

/** A node's officers act on their own node and the nodes below it (codes nest by prefix); an empty node covers nothing. */
export function coversNode(principalNode: string, servedNode: string): boolean {
  return principalNode.length > 0 && servedNode.startsWith(principalNode);
}

/**
 * Verifies an officer's access token (PLAN.md, "Officer identity"): EdDSA only, a known kid valid
 * at iat, the key's node = the token's node = its issuer's node, aud, exp at most 15 minutes after
 * iat, a session not revoked, a known role with the claim it needs. Whether the node covers the
 * served node is the caller's (authorize's) business.
 */
export async function verifyOfficerToken(token: string, trust: OfficerTrust, now: Date = new Date()): Promise<Principal> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new TokenRefused('not a JWT');
  }
  let trusted = kid ? trust.key(kid) : undefined;
  if (!trusted && kid && trust.refresh) {
    await trust.refresh();
    trusted = trust.key(kid);
  }
  if (!trusted) throw new TokenRefused(`unknown key ${kid ?? '(none)'}`);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, trusted.key, {
      algorithms: ['EdDSA'],
      audience: ACCESS_TOKEN_AUDIENCE,
      issuer: trusted.issuer,
      requiredClaims: ['exp', 'iat', 'sub', 'sid', 'role', 'node'],
      currentDate: now,
    }));
  } catch (error) {
    throw new TokenRefused(error instanceof joseErrors.JOSEError ? error.code : 'invalid token');
  }
  const { sub, iat, exp, sid, role, node, street, station } = payload as Record<string, unknown>;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > ACCESS_TOKEN_MAX_SECONDS) throw new TokenRefused('lifetime over 15 minutes');
  // iat counts whole seconds: a token signed in the very second its key began (a key made at a
  // node's first start, a sign-in right after) is inside the key's window, not before it.
  if (iat < Math.floor(trusted.notBefore / 1000) || iat * 1000 > trusted.notAfter) throw new TokenRefused('key not valid when the token was issued');
  if (typeof sub !== 'string' || sub === '' || typeof sid !== 'string' || sid === '') throw new TokenRefused('no subject or session');
  if (typeof node !== 'string' || node === '' || node !== trusted.node) throw new TokenRefused('node is not the key\'s node');
  if (!ROLES.includes(role as Role)) throw new TokenRefused('unknown role');
  if (!roleFitsNode(role as Role, node)) throw new TokenRefused('role does not fit the node\'s level');
  if (role === 'street_officer' && (typeof street !== 'string' || street === '')) throw new TokenRefused('street officer without street');
  if (role === 'station_manager' && (typeof station !== 'string' || station === '')) throw new TokenRefused('station manager without station');
  if (trust.isRevoked(sid, now)) throw new TokenRefused('session revoked');
  return {
    subject: sub,
    role: role as Role,
    node,
    session: sid,
    ...(typeof street === 'string' && street !== '' ? { street } : {}),
    ...(typeof station === 'string' && station !== '' ? { station } : {}),
  };
}

/**
 * Verifies officers' tokens for one service, remembering the ones it has verified: a console
 * sends the same token with every request for up to 15 minutes, and an Ed25519 signature check
 * costs 50–150 µs of CPU where a look-up costs about one. What can change after a token was
 * verified is checked at each use: its expiry, its session's revocation, and that its key is
 * still the one the trust store holds (a re-announced or dropped key verifies the token again).
 * The oldest entries go first once `maxEntries` tokens are held.
 */
export class OfficerTokenVerifier {
  private readonly verified = new Map<string, { principal: Principal; exp: number; kid: string; key: TrustedKey }>();

  constructor(
    private readonly trust: OfficerTrust,
    private readonly maxEntries = 10_000,
  ) {}

  async verify(token: string, now: Date = new Date()): Promise<Principal> {
    const known = this.verified.get(token);
    if (known && this.trust.key(known.kid) === known.key) {
      if (known.exp * 1000 <= now.getTime()) {
        this.verified.delete(token);
        throw new TokenRefused('expired');
      }
      if (this.trust.isRevoked(known.principal.session!, now)) throw new TokenRefused('session revoked');
      return known.principal;
    }
    const principal = await verifyOfficerToken(token, this.trust, now);
    const { kid } = decodeProtectedHeader(token);
    const key = this.trust.key(kid!)!;
    const exp = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number }).exp;
    if (this.verified.size >= this.maxEntries) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { principal, exp, kid: kid!, key });
    return principal;
  }
}

/** A private Ed25519 signing key (JWK with `d`), its kid and the issuer whose tokens it signs. */
export interface OfficerSigningKey {
  kid: string;
  issuer: string;
  privateJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; d: string };
}

/** The public half, as SigningKeysAnnounced carries it. */
export function publicSigningKey(signing: OfficerSigningKey, notBefore: Date, notAfter: Date): PublicSigningKey {
  const { kty, crv, x } = signing.privateJwk;
  return { kid: signing.kid, jwk: { kty, crv, x, kid: signing.kid, alg: 'EdDSA', use: 'sig' }, notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString() };
}

export interface SignOptions {
  /** Seconds (default and maximum: 15 minutes). */
  lifetimeSeconds?: number;
  now?: Date;
}

/**
 * Signs an officer access token as a node's identity service does; used by the development
 * launcher's demo loaders and by libs/testing (the identity service signs through its OIDC provider).
 */
export async function signOfficerToken(signing: OfficerSigningKey, principal: Principal, options: SignOptions = {}): Promise<string> {
  const { subject, session, ...claims } = principal;
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ ...claims, sid: session ?? `session-${subject}` })
    .setProtectedHeader({ alg: 'EdDSA', kid: signing.kid, typ: 'at+jwt' })
    .setIssuer(signing.issuer)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.lifetimeSeconds ?? ACCESS_TOKEN_MAX_SECONDS))
    .sign(await importJWK(signing.privateJwk, 'EdDSA'));
}

/** Mints tokens for one node's principals (the demo loaders'): a token is reused until a minute before it expires. */
export type OfficerTokenMinter = (principal: Principal) => Promise<string>;

export function officerTokenMinter(signing: OfficerSigningKey): OfficerTokenMinter {
  const minted = new Map<string, { token: Promise<string>; renewAt: number }>();
  return (principal) => {
    const key = JSON.stringify(principal);
    const known = minted.get(key);
    if (known && Date.now() < known.renewAt) return known.token;
    const token = signOfficerToken(signing, principal);
    minted.set(key, { token, renewAt: Date.now() + (ACCESS_TOKEN_MAX_SECONDS - 60) * 1000 });
    return token;
  };
}
