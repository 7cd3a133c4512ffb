import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_MAX_SECONDS } from '@ws/contracts';
import type { SessionsRevoked, SigningKeysAnnounced } from '@ws/contracts';
import { eventually } from '@ws/testing';
import { IdentityHarness, interactionUid } from './testing/identity-harness';

const PASSWORD = 'Yizhan-2026!';

describe('identity: accounts, sign-in through the OIDC provider, tokens', () => {
  let identity: IdentityHarness;

  beforeAll(async () => {
    identity = await IdentityHarness.create();
  });

  afterAll(async () => {
    await identity?.close();
  });

  it('signs a new street officer in with code + PKCE: password, TOTP enrolment, new password; the access token carries the officer claims and verifies with the announced key', async () => {
    const street = identity.street;
    const accountId = await identity.createAccount({ userName: 'kc_street', displayName: '张三', password: PASSWORD, role: 'street_officer', street });

    const { browser, verifier, page, state } = await identity.authorize();
    expect(page.status).toBe(200);
    expect(await page.clone().text()).toContain('干部登录');
    const uid = interactionUid(page);

    // First sign-in: an officer enrols an authenticator (the secret shown as text and QR) …
    const enrol = await browser.follow(await browser.postForm(`/oidc/interaction/${uid}/login`, { userName: 'KC_Street', password: PASSWORD }));
    const enrolPage = await enrol.text();
    expect(enrolPage).toContain('绑定身份验证器');
    expect(enrolPage).toContain('data:image/png;base64,');
    const secret = /<code>([A-Z2-7]+)<\/code>/.exec(enrolPage)![1]!;
    const wrong = await browser.postForm(`/oidc/interaction/${uid}/totp`, { code: '000000' === identity.totp(secret) ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('动态码错误');

    // … then must choose its own password (the rules said at the field's page, in Chinese).
    const change = await browser.follow(await browser.postForm(`/oidc/interaction/${uid}/totp`, { code: identity.totp(secret) }));
    expect(await change.text()).toContain('请设置新密码');
    const weak = await browser.postForm(`/oidc/interaction/${uid}/password`, { password: 'short', confirm: 'short' });
    expect(await weak.text()).toContain('密码至少 10 位');
    const code = await identity.codeFrom(browser, await browser.postForm(`/oidc/interaction/${uid}/password`, { password: 'Jiedao-Lianhe#9', confirm: 'Jiedao-Lianhe#9' }), state);

    const { status, body } = await identity.tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: `${identity.origin}/console/callback`, code_verifier: verifier });
    expect(status).toBe(200);
    expect(body.refresh_token).toBeTruthy();
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ iss: identity.issuer, aud: ACCESS_TOKEN_AUDIENCE, sub: accountId, role: 'street_officer', node: identity.config.node.code, street });
    expect(typeof claims['sid']).toBe('string');
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(ACCESS_TOKEN_MAX_SECONDS);

    // The key is the one the node announced down its DIR stream, from its own node.
    const announced = await eventually(async () => (await identity.streamDirectives('identity.SigningKeysAnnounced.>'))[0] as SigningKeysAnnounced | undefined, { what: 'keys announced' });
    expect(announced.data).toMatchObject({ node: identity.config.node.code, issuer: identity.issuer });
    const key = announced.data.keys.find((k) => k.kid === decodeProtectedHeader(body.access_token).kid)!;
    expect(key.jwk).not.toHaveProperty('d');
    const { payload } = await jwtVerify(body.access_token, await importJWK(key.jwk, 'EdDSA'), { issuer: identity.issuer, audience: ACCESS_TOKEN_AUDIENCE, algorithms: ['EdDSA'] });
    expect(payload.sub).toBe(accountId);

    // The next sign-in asks for the enrolled authenticator's code and the new password.
    const again = await identity.signIn('kc_street', 'Jiedao-Lianhe#9', secret).catch((error: Error) => error);
    // The code just used is refused once (replay), so the clock moves a step on.
    expect(again).toBeInstanceOf(Error);
    identity.clock.advance(30_000);
    const { tokens } = await identity.signIn('kc_street', 'Jiedao-Lianhe#9', secret);
    expect(decodeJwt(tokens.access_token)['sid']).not.toBe(claims['sid']);
  });

  it('rotates refresh tokens, and a log-out revokes the session down the DIR stream', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await identity.createAccount({ userName: 'kc_district', displayName: '李四', password: PASSWORD, role: 'district_officer', totpSecret: secret, mustChangePassword: false });
    identity.clock.advance(30_000);
    const { tokens, browser } = await identity.signIn('kc_district', PASSWORD, secret);
    const sid = decodeJwt(tokens.access_token)['sid'] as string;

    const rotated = await identity.tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(tokens.refresh_token);
    expect(decodeJwt(rotated.body.access_token)['sid']).toBe(sid);

    const logout = await browser.get(`/oidc/session/end?client_id=console`);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(await logout.text())![1]!;
    const confirmed = await browser.postForm('/oidc/session/end/confirm', { xsrf, logout: 'yes' });
    expect(confirmed.status).toBe(303);

    const revoked = await eventually(
      async () => ((await identity.streamDirectives('identity.SessionsRevoked.>')) as SessionsRevoked[]).find((d) => d.data.sessionIds.includes(sid)),
      { what: 'the session revoked down the DIR' },
    );
    expect(revoked.data.node).toBe(identity.config.node.code);
    expect(new Date(revoked.data.until).getTime()).toBeGreaterThan(identity.clock.now().getTime());
    const refused = await identity.tokenRequest({ grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token });
    expect(refused.body.error).toBe('invalid_grant');
  });

  it('locks an account for 15 minutes after 5 wrong passwords in a row, saying so in Chinese', async () => {
    await identity.createAccount({ userName: 'kc_manager', displayName: '王五', password: PASSWORD, role: 'district_officer', mustChangePassword: false });
    const { browser, page } = await identity.authorize();
    const uid = interactionUid(page);
    const attempt = (password: string) => browser.postForm(`/oidc/interaction/${uid}/login`, { userName: 'kc_manager', password });
    for (let failure = 1; failure <= 4; failure++) {
      const answer = await attempt('Wrong-Password-1');
      expect(answer.status).toBe(401);
      expect(await answer.text()).toContain(`再错 ${5 - failure} 次将锁定 15 分钟`);
    }
    const locked = await attempt('Wrong-Password-1');
    expect(locked.status).toBe(423);
    expect(await locked.text()).toContain('账号已锁定，请 15 分钟后再试');
    const stillLocked = await attempt(PASSWORD);
    expect(stillLocked.status).toBe(423);

    identity.clock.advance(15 * 60_000 + 1000);
    const open = await browser.follow(await attempt(PASSWORD));
    expect(await open.text()).toContain('绑定身份验证器');
  });
});
