import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { ACCESS_TOKEN_MAX_SECONDS } from '@ws/contracts';
import type { SigningKeysAnnounced } from '@ws/contracts';
import { signOfficerToken, TokenRefused, verifyOfficerToken } from '@ws/kernel';
import { IdentityTrust } from '@ws/platform';
import { eventually } from '@ws/testing';
import { IdentityHarness } from '../testing/identity-harness';
import { KEY_ACTIVATION_SECONDS } from './key-ring';
import { readSigningKeys } from './signing-key-file';

const PASSWORD = 'Yizhan-2026!';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('identity: signing key rotation and revocation at a verifying service', () => {
  let identity: IdentityHarness;
  let folder: string;
  let keyFile: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ws-keys-'));
    // Not there yet: the node's first start makes it.
    keyFile = join(folder, 'secrets', 'signing-key.json');
    identity = await IdentityHarness.create({ signingKeyFile: keyFile });
    await identity.createAccount({ userName: 'rot_officer', displayName: '吴', password: PASSWORD, role: 'district_officer', totpSecret: SECRET, mustChangePassword: false });
  });

  afterAll(async () => {
    await identity?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The node's own service verifies officers' tokens with the keys on its DIR stream, as every service of the subtree does. */
  const asOfficer = (token: string) => identity.http('GET', '/accounts?limit=1', { token });

  it('made the node\'s key at its first start, readable by its owner only, and announced it', async () => {
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const [key] = await readSigningKeys(keyFile);
    const announced = await eventually(async () => (await identity.streamDirectives('identity.SigningKeysAnnounced.>'))[0] as SigningKeysAnnounced | undefined, { what: 'keys announced' });
    expect(announced.data.keys.map((k) => k.kid)).toContain(key!.kid);
  });

  it('lets only the node\'s own ops admin or top officer rotate; the new key is announced at once, signs a minute later, and the old key\'s tokens verify until they expire', async () => {
    const [first] = await readSigningKeys(keyFile);
    identity.clock.advance(30_000);
    const before = (await identity.signIn('rot_officer', PASSWORD, SECRET)).tokens.access_token;
    expect(decodeProtectedHeader(before).kid).toBe(first!.kid);
    expect((await asOfficer(before)).status).toBe(200);

    for (const [token, status, code] of [
      [await identity.token('city_officer'), 403, 'out_of_scope'],
      [await identity.token('street_officer', { street: identity.street }), 403, 'forbidden'],
      [undefined, 401, 'unauthenticated'],
    ] as const) {
      const refused = await identity.http('POST', '/keys/rotate', { token });
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status, code });
    }

    // The rotation, a minute and a second ago as the service's clock tells it (the provider stamps
    // tokens with the real time; the harness clock has moved on for the TOTP steps).
    const now = identity.clock.now();
    identity.clock.set(new Date(Date.now() - (KEY_ACTIVATION_SECONDS + 1) * 1000));
    const rotated = await identity.http('POST', '/keys/rotate', { token: await identity.token('ops_admin') });
    expect(rotated.status).toBe(201);
    const kid = rotated.body.kid as string;
    expect(kid).not.toBe(first!.kid);
    expect(Date.parse(rotated.body.notBefore)).toBe(identity.clock.now().getTime() + KEY_ACTIVATION_SECONDS * 1000);
    expect(rotated.body.signing).toBe(false);
    const announced = await eventually(
      async () => ((await identity.streamDirectives('identity.SigningKeysAnnounced.>')) as SigningKeysAnnounced[]).find((d) => d.data.keys.some((k) => k.kid === kid)),
      { what: 'the new key announced down the DIR' },
    );
    const old = announced.data.keys.find((k) => k.kid === first!.kid)!;
    expect(Date.parse(old.notAfter)).toBe(Date.parse(rotated.body.notBefore) + ACCESS_TOKEN_MAX_SECONDS * 1000);
    identity.clock.set(now);

    const keys = await identity.http('GET', '/keys', { token: await identity.token('district_officer') });
    expect(keys.body.items.map((k: { kid: string; signing: boolean }) => [k.kid, k.signing])).toEqual([
      [kid, true],
      [first!.kid, false],
    ]);
    expect(JSON.stringify(keys.body)).not.toContain(first!.d);

    identity.clock.advance(30_000);
    const after = (await identity.signIn('rot_officer', PASSWORD, SECRET)).tokens.access_token;
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    expect((await asOfficer(after)).status).toBe(200);
    expect((await asOfficer(before)).status).toBe(200);

    // The old key's token until its own expiry, not after; the old key signs nothing new past its window.
    const trust = identity.app.get(IdentityTrust);
    const { exp } = decodeJwt(before);
    await expect(verifyOfficerToken(before, trust, new Date((exp! - 1) * 1000))).resolves.toMatchObject({ role: 'district_officer' });
    await expect(verifyOfficerToken(before, trust, new Date((exp! + 1) * 1000))).rejects.toBeInstanceOf(TokenRefused);
    const late = new Date(Date.parse(old.notAfter) + 1000);
    const oldSigner = { kid: first!.kid, issuer: identity.issuer, privateJwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: first!.x, d: first!.d } };
    const stale = await signOfficerToken(oldSigner, { subject: 'x', role: 'district_officer', node: identity.config.node.code }, { now: late });
    await expect(verifyOfficerToken(stale, trust, late)).rejects.toThrow('key not valid when the token was issued');
  });

  it('refuses a session\'s tokens at the service once an officer ends it', async () => {
    identity.clock.advance(30_000);
    const { tokens } = await identity.signIn('rot_officer', PASSWORD, SECRET);
    expect((await asOfficer(tokens.access_token)).status).toBe(200);
    const accountId = decodeJwt(tokens.access_token).sub!;
    expect((await identity.http('POST', `/accounts/${accountId}/sessions/revoke`, { token: await identity.token('district_officer') })).body.revoked).toBeGreaterThanOrEqual(1);
    await eventually(async () => (await asOfficer(tokens.access_token)).status === 401, { what: 'the revoked session refused' });
  });
});
