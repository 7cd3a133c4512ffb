import { exportJWK, generateKeyPair, importJWK } from 'jose';
import { OfficerTokenVerifier, signOfficerToken, TokenRefused, verifyOfficerToken, type OfficerSigningKey, type OfficerTrust, type TrustedKey } from './officer-token';

async function nodeKey(node: string, kid: string): Promise<{ signing: OfficerSigningKey; trusted: TrustedKey }> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const { x, d } = await exportJWK(privateKey);
  const issuer = `https://n${node}.test.invalid/oidc`;
  const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: x! }, 'EdDSA');
  return {
    signing: { kid, issuer, privateJwk: { kty: 'OKP', crv: 'Ed25519', x: x!, d: d! } },
    trusted: { kid, node, issuer, key: key as TrustedKey['key'], notBefore: 0, notAfter: Number.MAX_SAFE_INTEGER },
  };
}

/** A trust store in a test's hands: its keys and revoked sessions can change between two requests. */
class HandTrust implements OfficerTrust {
  readonly keys = new Map<string, TrustedKey>();
  readonly revoked = new Set<string>();
  lookups = 0;
  key(kid: string) {
    this.lookups++;
    return this.keys.get(kid);
  }
  isRevoked(sessionId: string) {
    return this.revoked.has(sessionId);
  }
}

describe('OfficerTokenVerifier (a service remembers the tokens it verified)', () => {
  const node = '330802';
  const principal = { subject: 'u1', role: 'district_officer' as const, node, session: 's1' };

  it('answers a known token without verifying its signature again, and still checks expiry and revocation at each use', async () => {
    const { signing, trusted } = await nodeKey(node, 'k1');
    const trust = new HandTrust();
    trust.keys.set('k1', trusted);
    const verifier = new OfficerTokenVerifier(trust);
    const issued = new Date();
    const token = await signOfficerToken(signing, principal, { now: issued, lifetimeSeconds: 600 });
    await expect(verifier.verify(token, issued)).resolves.toMatchObject({ subject: 'u1', session: 's1' });
    // The key is replaced by another node key under the same kid: the remembered answer is not used.
    const other = await nodeKey(node, 'k1');
    trust.keys.set('k1', other.trusted);
    await expect(verifier.verify(token, issued)).rejects.toBeInstanceOf(TokenRefused);
    trust.keys.set('k1', trusted);
    await verifier.verify(token, issued);
    await expect(verifier.verify(token, new Date(issued.getTime() + 599_000))).resolves.toMatchObject({ subject: 'u1' });
    trust.revoked.add('s1');
    await expect(verifier.verify(token, issued)).rejects.toThrow('session revoked');
    trust.revoked.clear();
    await expect(verifier.verify(token, new Date(issued.getTime() + 601_000))).rejects.toThrow('expired');
    await expect(verifier.verify(token, new Date(issued.getTime() + 601_000))).rejects.toBeInstanceOf(TokenRefused);
  });

  it('holds at most maxEntries tokens, forgetting the oldest', async () => {
    const { signing, trusted } = await nodeKey(node, 'k2');
    const trust = new HandTrust();
    trust.keys.set('k2', trusted);
    const verifier = new OfficerTokenVerifier(trust, 2);
    const tokens = await Promise.all(['a', 'b', 'c'].map((session) => signOfficerToken(signing, { ...principal, session })));
    for (const token of tokens) await verifier.verify(token);
    // A remembered token costs one key look-up (is it still the key?); a verification, two.
    const lookupsOf = async (token: string) => {
      const before = trust.lookups;
      await verifier.verify(token);
      return trust.lookups - before;
    };
    expect(await lookupsOf(tokens[2]!)).toBe(1);
    expect(await lookupsOf(tokens[1]!)).toBe(1);
    expect(await lookupsOf(tokens[0]!)).toBe(2);
  });
});

describe('a key’s window and a token’s iat (whole seconds)', () => {
  it('takes a token signed in the very second its key began, and refuses one signed the second before', async () => {
    const node = '330802';
    const { signing, trusted } = await nodeKey(node, 'k-new');
    const began = Date.parse('2026-12-06T23:00:00.700Z');
    const trust = new HandTrust();
    trust.keys.set('k-new', { ...trusted, notBefore: began });
    const principal = { subject: 'u1', role: 'district_officer' as const, node, session: 's1' };
    const sameSecond = await signOfficerToken(signing, principal, { now: new Date(began + 200) });
    await expect(verifyOfficerToken(sameSecond, trust, new Date(began + 300))).resolves.toMatchObject({ subject: 'u1' });
    const secondBefore = await signOfficerToken(signing, principal, { now: new Date(began - 800) });
    await expect(verifyOfficerToken(secondBefore, trust, new Date(began + 300))).rejects.toThrow(TokenRefused);
  });
});
