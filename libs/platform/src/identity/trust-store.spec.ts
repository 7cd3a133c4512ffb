import { exportJWK, generateKeyPair } from 'jose';
import { identityDirectiveSubject, nodeRef, type SigningKeysAnnounced } from '@ws/contracts';
import { publicSigningKey, signOfficerToken, verifyOfficerToken, type OfficerSigningKey } from '@ws/kernel';
import { directiveNode, TrustStore } from './trust-store';

async function signingKey(node: string): Promise<OfficerSigningKey> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const { x, d } = await exportJWK(privateKey);
  return { kid: `k-${node}`, issuer: `https://${node}.example/oidc`, privateJwk: { kty: 'OKP', crv: 'Ed25519', x: x!, d: d! } };
}

const announced = (node: string, key: OfficerSigningKey): SigningKeysAnnounced => ({
  type: 'SigningKeysAnnounced',
  data: { node, issuer: key.issuer, keys: [publicSigningKey(key, new Date(Date.now() - 60_000), new Date(Date.now() + 3_600_000))] },
});
const subjectOf = (node: string) => identityDirectiveSubject(nodeRef(node), 'SigningKeysAnnounced', 'a');

describe('trust store', () => {
  it('believes a key only from the node it names', async () => {
    const store = new TrustStore();
    const city = await signingKey('3308');
    expect(await store.accept(announced('3308', city), subjectOf('330802'))).toBe(false);
    expect(store.key(city.kid)).toBeUndefined();
    expect(await store.accept(announced('3308', city), subjectOf('3308'))).toBe(true);
    expect(store.key(city.kid)).toMatchObject({ node: '3308', issuer: city.issuer });
  });

  it('keeps a kid with the node that announced it first', async () => {
    const store = new TrustStore();
    const city = await signingKey('3308');
    const sibling = { ...(await signingKey('3307')), kid: city.kid };
    await store.accept(announced('3308', city), subjectOf('3308'));
    await store.accept(announced('3307', sibling), subjectOf('3307'));
    expect(store.key(city.kid)?.node).toBe('3308');
  });

  it('refuses a private or foreign key in an announcement', async () => {
    const store = new TrustStore();
    const key = await signingKey('33');
    const leaked = announced('33', key);
    leaked.data.keys[0]!.jwk = { ...leaked.data.keys[0]!.jwk, d: key.privateJwk.d } as never;
    expect(await store.accept(leaked, subjectOf('33'))).toBe(false);
  });

  it('ends the tokens of a revoked session', async () => {
    const store = new TrustStore();
    const key = await signingKey('330802');
    await store.accept(announced('330802', key), subjectOf('330802'));
    const token = await signOfficerToken(key, { subject: 'u1', role: 'district_officer', node: '330802', session: 's1' });
    await expect(verifyOfficerToken(token, store)).resolves.toMatchObject({ subject: 'u1', session: 's1' });
    await store.accept({ type: 'SessionsRevoked', data: { node: '330802', sessionIds: ['s1'], until: new Date(Date.now() + 900_000).toISOString() } }, identityDirectiveSubject(nodeRef('330802'), 'SessionsRevoked', 'r'));
    await expect(verifyOfficerToken(token, store)).rejects.toThrow('session revoked');
  });

  it('reads the publishing node off a directive subject', () => {
    expect(directiveNode('dir.33._._.identity.SigningKeysAnnounced.a')).toBe('33');
    expect(directiveNode('dir.33.3308.330802.identity.SessionsRevoked.a')).toBe('330802');
    expect(directiveNode('evt.33.3308.330802.x.y.z.T')).toBeUndefined();
  });
});
