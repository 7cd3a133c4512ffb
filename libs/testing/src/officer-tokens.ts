import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, identityDirectiveSubject, nodeRef, type SigningKeysAnnounced } from '@ws/contracts';
import { publicSigningKey, signOfficerToken, type OfficerSigningKey, type OfficerTokenMinter, type Principal, type Role, type SignOptions } from '@ws/kernel';
import { announceIdentityDirective, connectNats } from '@ws/messaging';
import { PLATFORM_CONFIG, TrustStore, type PlatformConfig } from '@ws/platform';

/**
 * Officers' tokens in tests, the one way: each test node has its own Ed25519 key (made once per
 * process), which a service believes once it is announced on the node's DIR stream (processes)
 * or put in its trust store (in-process apps) — as the node's identity service would do.
 */
const keys = new Map<string, Promise<OfficerSigningKey>>();

export const testIssuer = (node: string) => `https://n${node}.test.invalid/oidc`;

export function testSigningKey(node: string): Promise<OfficerSigningKey> {
  let key = keys.get(node);
  if (!key) {
    key = (async () => {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const { x, d } = await exportJWK(privateKey);
      return { kid: `test-${node}`, issuer: testIssuer(node), privateJwk: { kty: 'OKP', crv: 'Ed25519', x: x!, d: d! } };
    })();
    keys.set(node, key);
  }
  return key;
}

/** Who the token is for: a role and, unless the signing node's own officer, the node and place claims. */
export type TestOfficer = { role: Role } & Partial<Omit<Principal, 'role'>>;

/** The node of a role above `node` (its city's for a city officer, its province's for a province officer), else `node`. */
export function nodeOfRole(role: Role, node: string): string {
  return role === 'province_officer' ? node.slice(0, 2) : role === 'city_officer' ? node.slice(0, 4) : node;
}

/** A token of `node`'s officer, signed with the node's test key (or `signedBy`'s, to test a stranger's key). */
export async function officerToken(node: string, officer: TestOfficer, options: SignOptions & { signedBy?: string } = {}): Promise<string> {
  const principal: Principal = { subject: `test-${officer.role}`, node, ...officer };
  return signOfficerToken(await testSigningKey(options.signedBy ?? node), principal, options);
}

/** Tokens of any test node's officers (each signed with its node's key), for the demo loaders under test. */
export const testOfficerTokens = (): OfficerTokenMinter => async (principal) => signOfficerToken(await testSigningKey(principal.node), principal);

/** The announcement of a test node's key, valid from a day ago for a day. */
export async function testKeysAnnounced(node: string): Promise<SigningKeysAnnounced> {
  const key = await testSigningKey(node);
  const now = Date.now();
  return { type: 'SigningKeysAnnounced', data: { node, issuer: key.issuer, keys: [publicSigningKey(key, new Date(now - 86_400_000), new Date(now + 86_400_000))] } };
}

/** The node and its ancestors (codes nest by prefix): whose keys a node's services believe. */
export function selfAndAncestors(node: string): string[] {
  return [2, 4, 6].filter((length) => length <= node.length).map((length) => node.slice(0, length));
}

/** Puts the test keys of these nodes (the served node and its ancestors) in an in-process app's trust store. */
export async function trustTestKeys(store: TrustStore, nodes: string[]): Promise<void> {
  for (const node of nodes) {
    const accepted = await store.accept(await testKeysAnnounced(node), identityDirectiveSubject(nodeRef(node), 'SigningKeysAnnounced', `test-${node}`));
    if (!accepted) throw new Error(`the trust store refused the test key of ${node}`);
  }
}

/** An in-process app believes the test keys of the node it serves and of the node's ancestors (an app without the platform has no guard). */
export async function trustTestKeysOf(app: { get<T>(token: unknown, options?: { strict: boolean }): T }): Promise<void> {
  let store: TrustStore;
  try {
    store = app.get<TrustStore>(TrustStore, { strict: false });
  } catch {
    return;
  }
  await trustTestKeys(store, selfAndAncestors(app.get<PlatformConfig>(PLATFORM_CONFIG).node.code));
}

/**
 * Announces the test key of `node` on its DIR subject through the nats-server at `natsUrl` (the
 * node's own), over TLS checked with `caFile` when given (a server of the launcher).
 */
export async function announceTestKey(natsUrl: string, node: string, caFile?: string): Promise<void> {
  const nc = await connectNats(natsUrl, `test-keys-${node}`, { caFile });
  try {
    await announceIdentityDirective(nc, nodeRef(node), await testKeysAnnounced(node), { id: `test-${node}`, actor: 'test' });
  } finally {
    await nc.close();
  }
}

/**
 * A token that breaks one rule (for the access-matrix tests): the node's valid token of `officer`
 * with `claims` and `header` overriding what a node's identity service would write.
 */
export async function forgedToken(node: string, officer: TestOfficer, forged: { claims?: Record<string, unknown>; header?: Record<string, unknown>; signedBy?: string }): Promise<string> {
  const key = await testSigningKey(forged.signedBy ?? node);
  const now = Math.floor(Date.now() / 1000);
  const { subject, session, ...claims } = { subject: `test-${officer.role}`, node, ...officer } as Principal;
  const payload = { iss: key.issuer, aud: ACCESS_TOKEN_AUDIENCE, sub: subject, sid: session ?? `session-${subject}`, iat: now, exp: now + 600, ...claims, ...forged.claims };
  return new SignJWT(payload as JWTPayload)
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, ...forged.header } as JWTHeaderParameters)
    .sign(await importJWK(key.privateJwk, 'EdDSA'));
}
