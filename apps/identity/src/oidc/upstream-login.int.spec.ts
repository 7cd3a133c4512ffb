import { decodeJwt } from 'jose';
import { FakeOidcProvider } from '@ws/testing';
import { IdentityHarness, interactionUid } from '../testing/identity-harness';

/**
 * A node that trusts an upstream OpenID Connect provider (a province's unified login) for its
 * officers' sign-in, against a fake provider this test starts: the upstream proves who signs in
 * (its preferred_username is the local user name), the node's account gives the role and scope.
 */
describe('identity: sign-in through an upstream OIDC provider', () => {
  let upstream: FakeOidcProvider;
  let identity: IdentityHarness;
  let accountId: string;

  beforeAll(async () => {
    upstream = await new FakeOidcProvider('waystation-330802', 'upstream-client-secret', () => [`${identity.origin}/oidc/upstream/callback`]).start();
    identity = await IdentityHarness.create({
      upstream: { issuer: upstream.issuer, clientId: 'waystation-330802', clientSecret: 'upstream-client-secret', claim: 'preferred_username', name: '浙政钉' },
    });
    accountId = await identity.createAccount({ userName: 'zzd_wang', displayName: '王五', password: 'Zhengwu-Ding#26', role: 'street_officer', street: identity.street });
  });

  afterAll(async () => {
    await identity?.close();
    await upstream?.close();
  });

  /** The console's sign-in up to the upstream's answer, which comes back to the node's callback. */
  async function throughUpstream() {
    const { browser, verifier, page, state } = await identity.authorize();
    const html = await page.clone().text();
    const uid = interactionUid(page);
    const toUpstream = await browser.get(`/oidc/interaction/${uid}/upstream`);
    expect(toUpstream.status).toBe(303);
    const authorize = new URL(toUpstream.headers.get('location')!);
    expect(authorize.origin).toBe(upstream.issuer);
    const back = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(back.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${identity.origin}/oidc/upstream/callback`);
    const answer = await browser.get(`${callback.pathname}${callback.search}`);
    return { browser, verifier, state, html, answer, uid };
  }

  it('offers the upstream login on the sign-in page and signs its officer in to the local account, without the password or TOTP', async () => {
    upstream.next = { claims: { sub: 'zzd-0001', preferred_username: 'ZZD_Wang', name: '王五' } };
    const { browser, verifier, state, html, answer } = await throughUpstream();
    expect(html).toContain('使用浙政钉登录');
    const code = await identity.codeFrom(browser, answer, state);
    const { status, body } = await identity.tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: `${identity.origin}/console/callback`, code_verifier: verifier });
    expect(status).toBe(200);
    expect(decodeJwt(body.access_token)).toMatchObject({ sub: accountId, role: 'street_officer', node: identity.config.node.code, street: identity.street });
    // The node authenticated itself at the upstream with its secret and the PKCE verifier.
    expect(upstream.tokenRequests.at(-1)).toMatchObject({ client_id: 'waystation-330802', client_secret: 'upstream-client-secret', grant_type: 'authorization_code' });
    expect(upstream.tokenRequests.at(-1)!['code_verifier']).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });

  it.each([
    { why: 'an upstream user with no local account', next: { claims: { sub: 'zzd-0002', preferred_username: 'nobody_here' } }, says: '在本节点没有对应的干部账号' },
    { why: 'an ID token with another nonce', next: { claims: { sub: 'zzd-0001', preferred_username: 'zzd_wang' }, tamper: 'nonce' as const }, says: '身份凭证无效' },
    { why: 'an ID token for another client', next: { claims: { sub: 'zzd-0001', preferred_username: 'zzd_wang' }, tamper: 'audience' as const }, says: '身份凭证无效' },
    { why: 'an ID token signed by a key the upstream never published', next: { claims: { sub: 'zzd-0001', preferred_username: 'zzd_wang' }, tamper: 'key' as const }, says: '身份凭证无效' },
    { why: 'an officer who declines at the upstream', next: { claims: { sub: 'zzd-0001' }, deny: true }, says: '未完成登录' },
  ])('refuses $why, saying why in Chinese', async ({ next, says }) => {
    upstream.next = next;
    const { browser, answer, uid } = await throughUpstream();
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain(says);
    // Nothing was proved for the interaction: its finishing step refuses.
    const done = await browser.get(`/oidc/interaction/${uid}/upstream/done`);
    expect(done.status).toBe(400);
  });

  it('refuses a callback whose state it never issued, and a state used twice', async () => {
    const forged = await fetch(`${identity.base}/oidc/upstream/callback?state=forged&code=x`);
    expect(forged.status).toBe(403);
    upstream.next = { claims: { sub: 'zzd-0001', preferred_username: 'zzd_wang' } };
    const { answer, browser } = await throughUpstream();
    expect(answer.status).toBe(303);
    const replay = await browser.get(new URL(answer.url).pathname + new URL(answer.url).search);
    expect(replay.status).toBe(403);
  });

  it('refuses a disabled account signing in upstream', async () => {
    const disabledId = await identity.createAccount({ userName: 'zzd_gone', displayName: '赵六', password: 'Zhengwu-Ding#27', role: 'district_officer' });
    const district = await identity.token('district_officer');
    const disabled = await identity.app.inject({ method: 'POST', url: `/accounts/${disabledId}/disable`, headers: { authorization: `Bearer ${district}` } });
    expect(disabled.statusCode).toBe(200);
    upstream.next = { claims: { sub: 'zzd-0003', preferred_username: 'zzd_gone' } };
    const { browser, answer } = await throughUpstream();
    const done = await browser.follow(answer);
    expect(done.status).toBe(403);
    expect(await done.text()).toContain('账号已停用');
  });
});
