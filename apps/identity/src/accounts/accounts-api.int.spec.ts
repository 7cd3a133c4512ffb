import { decodeJwt } from 'jose';
import { sql } from 'kysely';
import { OFFICER_ROLES, type SessionsRevoked } from '@ws/contracts';
import { eventually } from '@ws/testing';
import { IdentityHarness } from '../testing/identity-harness';
import { AccountCommands } from './account-commands';

const PASSWORD = 'Yizhan-2026!';
const STATION = '0b6f3c52-6a1e-4f0e-9a53-3d2f8c1e7a10';

describe('identity: the accounts API', () => {
  let identity: IdentityHarness;
  let district: string;

  beforeAll(async () => {
    identity = await IdentityHarness.create();
    district = await identity.token('district_officer');
  });

  afterAll(async () => {
    await identity?.close();
  });

  const create = (token: string, body: Record<string, unknown>) => identity.http('POST', '/accounts', { token, body });

  it('creates accounts of the node for its officers and those above, each scope checked, the answer never holding a secret', async () => {
    const street = await create(district, { userName: 'api_street', displayName: '赵街道', password: PASSWORD, role: 'street_officer', street: identity.street });
    expect(street.status).toBe(201);
    expect(street.body).toMatchObject({ userName: 'api_street', role: 'street_officer', node: identity.config.node.code, street: identity.street, station: null, status: 'active', mustChangePassword: true, totpEnrolled: false });
    expect(JSON.stringify(street.body)).not.toMatch(/argon2|password_hash|passwordHash|totp_sealed|secret/i);

    const byCity = await create(await identity.token('city_officer'), { userName: 'api_manager', displayName: '钱站长', password: PASSWORD, role: 'station_manager', station: STATION });
    expect(byCity.status).toBe(201);
    expect(byCity.body).toMatchObject({ role: 'station_manager', station: STATION, street: null });

    const fetched = await identity.http('GET', `/accounts/${street.body.accountId}`, { token: await identity.token('province_officer') });
    expect(fetched.status).toBe(200);
    expect(fetched.body.accountId).toBe(street.body.accountId);
  });

  it('names the roles and the account statuses for the console, without a login', async () => {
    const { status, body } = await identity.http('GET', '/labels');
    expect(status).toBe(200);
    expect(body.roles.map((r: { code: string }) => r.code)).toEqual([...OFFICER_ROLES]);
    expect(body.roles).toContainEqual({ code: 'district_officer', label: '区总干部' });
    expect(body.accountStatuses).toEqual([
      { code: 'active', label: '正常' },
      { code: 'locked', label: '已锁定' },
      { code: 'disabled', label: '已停用' },
    ]);
  });

  it('refuses bad input with a stable code and the field, in Chinese', async () => {
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ userName: 'api_x1', displayName: '甲', password: PASSWORD, role: 'city_officer' }, 422, 'role_not_for_node', 'role'],
      [{ userName: 'api_x2', displayName: '乙', password: PASSWORD, role: 'street_officer' }, 422, 'street_required', 'street'],
      [{ userName: 'api_x3', displayName: '丙', password: PASSWORD, role: 'street_officer', street: '110101001' }, 422, 'street_required', 'street'],
      [{ userName: 'api_x4', displayName: '丁', password: PASSWORD, role: 'district_officer', station: STATION }, 422, 'station_not_allowed', 'station'],
      [{ userName: 'api_x5', displayName: '戊', password: 'short', role: 'district_officer' }, 422, 'password_too_short', 'password'],
      [{ userName: '9bad', displayName: '己', password: PASSWORD, role: 'district_officer' }, 422, 'user_name_invalid', 'userName'],
      [{ userName: 'API_STREET', displayName: '庚', password: PASSWORD, role: 'district_officer' }, 409, 'user_name_taken', 'userName'],
      [{ userName: 'api_x6', displayName: '辛', password: PASSWORD, role: 'mayor' }, 400, 'validation_failed', 'role'],
      [{ userName: 'api_x7', displayName: '壬', password: PASSWORD, role: 'district_officer', node: '33' }, 400, 'validation_failed', 'node'],
    ];
    for (const [body, status, code, field] of cases) {
      const answer = await create(district, body);
      expect({ body, status: answer.status, code: answer.body.code, field: answer.body.field }).toEqual({ body, status, code, field });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.detail ?? answer.body.title).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('lets only officers of the node or above manage its accounts, never their own', async () => {
    const target = (await create(district, { userName: 'api_target', displayName: '孙', password: PASSWORD, role: 'district_officer' })).body.accountId as string;
    const sibling = await identity.token('district_officer', { node: `${identity.config.node.code.slice(0, 4)}99` });
    const refusals: Array<[string | undefined, number, string]> = [
      [undefined, 401, 'unauthenticated'],
      // A sibling district's key is not believed here: its token is no one's.
      [sibling, 401, 'unauthenticated'],
      [await identity.token('street_officer', { street: identity.street }), 403, 'forbidden'],
      [await identity.token('station_manager', { station: STATION }), 403, 'forbidden'],
      [await identity.token('ops_admin'), 403, 'forbidden'],
      [await identity.token('district_officer', { subject: target }), 403, 'own_account'],
    ];
    for (const [token, status, code] of refusals) {
      const answer = await identity.http('POST', `/accounts/${target}/disable`, { token });
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code });
    }
    expect((await identity.http('GET', '/accounts', { token: sibling })).status).toBe(401);
    expect((await identity.http('GET', `/accounts/${target}`, { token: await identity.token('district_officer', { subject: target }) })).status).toBe(200);
    expect((await identity.http('GET', '/accounts/not-a-uuid', { token: district })).body).toMatchObject({ status: 400, field: 'accountId' });
    expect((await identity.http('GET', `/accounts/${STATION}`, { token: district })).body).toMatchObject({ status: 404, code: 'account_not_found' });
  });

  it('unlocks, resets TOTP and password, re-scopes, ends sessions (down the DIR) and disables', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const accountId = await identity.createAccount({ userName: 'api_life', displayName: '周', password: PASSWORD, role: 'district_officer', totpSecret: secret, mustChangePassword: false });
    identity.clock.advance(30_000);
    const { tokens } = await identity.signIn('api_life', PASSWORD, secret);
    const sid = decodeJwt(tokens.access_token)['sid'] as string;

    const ended = await identity.http('POST', `/accounts/${accountId}/sessions/revoke`, { token: district });
    expect(ended).toMatchObject({ status: 200, body: { revoked: 1 } });
    await eventually(
      async () => ((await identity.streamDirectives('identity.SessionsRevoked.>')) as SessionsRevoked[]).find((d) => d.data.sessionIds.includes(sid)),
      { what: 'the session revoked down the DIR' },
    );
    expect((await identity.tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).body.error).toBe('invalid_grant');

    const accounts = identity.app.get(AccountCommands);
    for (let i = 0; i < 5; i++) await accounts.recordSignIn(accountId, 'bad_password').catch(() => undefined);
    expect((await identity.http('GET', `/accounts/${accountId}`, { token: district })).body).toMatchObject({ status: 'locked' });
    expect((await identity.http('GET', '/accounts?status=locked', { token: district })).body.items.map((a: { userName: string }) => a.userName)).toEqual(['api_life']);
    expect((await identity.http('POST', `/accounts/${accountId}/unlock`, { token: district })).body).toMatchObject({ status: 'active', lockedUntil: null });

    expect((await identity.http('POST', `/accounts/${accountId}/totp/reset`, { token: district })).body).toMatchObject({ totpEnrolled: false });
    const weak = await identity.http('POST', `/accounts/${accountId}/password`, { token: district, body: { password: 'abc' } });
    expect(weak.body).toMatchObject({ status: 422, code: 'password_too_short', field: 'password' });
    expect((await identity.http('POST', `/accounts/${accountId}/password`, { token: district, body: { password: 'Chongzhi-Mima#7' } })).body).toMatchObject({ mustChangePassword: true });

    const rescoped = await identity.http('PUT', `/accounts/${accountId}/scope`, { token: district, body: { role: 'street_officer', street: identity.otherStreet } });
    expect(rescoped.body).toMatchObject({ role: 'street_officer', street: identity.otherStreet });
    const badScope = await identity.http('PUT', `/accounts/${accountId}/scope`, { token: district, body: { role: 'station_manager' } });
    expect(badScope.body).toMatchObject({ status: 422, code: 'station_required', field: 'station' });

    expect((await identity.http('POST', `/accounts/${accountId}/disable`, { token: district })).body).toMatchObject({ status: 'disabled' });
    expect((await identity.http('POST', `/accounts/${accountId}/unlock`, { token: district })).body).toMatchObject({ status: 403, code: 'account_disabled' });
  });

  it('pages the accounts by keyset (limit 1–200, default 50) and filters them', async () => {
    for (let i = 0; i < 5; i++) {
      await identity.createAccount({ userName: `page_${i}`, displayName: `分页${i}`, password: PASSWORD, role: 'station_manager', station: STATION });
      identity.clock.advance(1000);
    }
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const query: string = `/accounts?role=station_manager&q=page_&limit=2${next ? `&after=${next}` : ''}`;
      const answer = await identity.http('GET', query, { token: district });
      expect(answer.status).toBe(200);
      expect(answer.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...answer.body.items.map((a: { userName: string }) => a.userName));
      next = answer.body.next;
    } while (next);
    expect(seen).toEqual(['page_0', 'page_1', 'page_2', 'page_3', 'page_4']);

    const all = await identity.http('GET', '/accounts', { token: district });
    expect(all.body.items.length).toBeGreaterThanOrEqual(5);
    expect(all.body.items.every((a: Record<string, unknown>) => !('passwordHash' in a) && !('totpSecret' in a))).toBe(true);
    for (const bad of ['limit=0', 'limit=201', 'limit=abc', 'after=nonsense', 'status=gone']) {
      const answer = await identity.http('GET', `/accounts?${bad}`, { token: district });
      expect({ bad, status: answer.status, code: answer.body.code }).toEqual({ bad, status: 400, code: 'validation_failed' });
    }
  });

  it('pages accounts created within one millisecond without skipping or repeating one (the cursor keeps microseconds)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await identity.createAccount({ userName: `micro_${i}`, displayName: `微秒${i}`, password: PASSWORD, role: 'station_manager', station: STATION }));
    }
    // Postgres keeps microseconds: three creation times a JS Date cannot tell apart, the greatest id first so order by time alone shows.
    const times = ['2026-03-01 08:00:00.000300+00', '2026-03-01 08:00:00.000200+00', '2026-03-01 08:00:00.000100+00'];
    for (const [i, id] of [...ids].sort().entries()) await sql`update accounts set created_at = ${times[i]}::timestamptz where account_id = ${id}`.execute(identity.db);
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const answer = await identity.http('GET', `/accounts?q=micro_&limit=1${next ? `&after=${next}` : ''}`, { token: district });
      expect(answer.status).toBe(200);
      seen.push(...answer.body.items.map((a: { accountId: string }) => a.accountId));
      next = answer.body.next;
    } while (next);
    expect(seen).toEqual([...ids].sort().reverse());
  });
});
