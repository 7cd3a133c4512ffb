import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { DynamicModule } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import { DECORATORS, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { SignJWT } from 'jose';
import { Kysely, sql } from 'kysely';
import { ACCESS_TOKEN_AUDIENCE, identityDirectiveSubject, nodeRef } from '@ws/contracts';
import { OPS_ROLES, PUBLIC_ROUTE, ROLES, UNION_ROLES, type Role } from '@ws/kernel';
import { type NatsProcess, startNatsServer } from '@ws/testing/service-process';
import { DB, TrustStore, type PlatformConfig } from '@ws/platform';
import { forgedToken, officerToken, testIssuer, testKeysAnnounced, trustTestKeys } from '@ws/testing/officer-tokens';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { DispatchModule } from '../apps/dispatch/src/dispatch.module';
import { identityConfig } from '../apps/identity/src/identity.config';
import { IdentityModule } from '../apps/identity/src/identity.module';
import { JobsModule } from '../apps/jobs/src/jobs.module';
import { syntheticPerson } from '../apps/membership/src/demo/synthetic-people';
import { membershipConfig } from '../apps/membership/src/membership-config';
import { MembershipModule } from '../apps/membership/src/membership.module';
import { NotifyModule } from '../apps/notify/src/notify.module';
import { StationsModule } from '../apps/stations/src/stations.module';
import { WishesModule } from '../apps/wishes/src/wishes.module';
import { HIDDEN_FROM_OPENAPI, ROUTE_TABLE, type MatrixCallerLabel, type MatrixService, type RouteExpectation } from './access-matrix.routes';

/**
 * Who gets through, service by service: one representative officers' route of each service on a
 * district node D (its city C, province P, a sibling district S), for each role at each node
 * relation, and the tokens that must never pass; and a city's service against its child district. 2xx, 401 (no valid token) or 403 (a valid token
 * that may not: a role not listed, a node that does not cover D).
 */
interface ServiceCase {
  service: string;
  module: (config: PlatformConfig) => DynamicModule;
  route: string;
  roles: readonly Role[];
}

const SERVICES: ServiceCase[] = [
  { service: 'stations', module: (config) => StationsModule.forRoot({ config }), route: '/admin/projections', roles: OPS_ROLES },
  { service: 'membership', module: (config) => MembershipModule.forRoot({ config }), route: '/members', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer'] },
  { service: 'wishes', module: (config) => WishesModule.forRoot({ config }), route: '/overdue', roles: ['street_officer', 'district_officer', 'city_officer', 'province_officer'] },
  { service: 'dispatch', module: (config) => DispatchModule.forRoot({ config }), route: '/tasks/open', roles: UNION_ROLES },
  { service: 'notify', module: (config) => NotifyModule.forRoot({ config }), route: '/deliveries', roles: ['district_officer', 'city_officer', 'province_officer'] },
];

/** A caller: a role of a node related to D. */
interface Caller {
  label: string;
  role: Role;
  node: (d: string) => string;
  claims?: (d: string) => { street?: string; station?: string };
  /** The caller's node key is not on D's DIR: no node below D's ancestors announces there. */
  keyUnknown?: boolean;
  /** Its key is believed (announced on D's DIR), but its node does not cover D. */
  outOfScope?: boolean;
}

const sibling = (d: string) => `${d.slice(0, 4)}${d.slice(4) === 'ff' ? 'fe' : 'ff'}`;
const STATION = randomUUID();

const CALLERS: Caller[] = [
  { label: 'district officer of D', role: 'district_officer', node: (d) => d },
  { label: 'street officer of D', role: 'street_officer', node: (d) => d, claims: (d) => ({ street: `${d}001` }) },
  { label: 'station manager of D', role: 'station_manager', node: (d) => d, claims: () => ({ station: STATION }) },
  { label: 'ops admin of D', role: 'ops_admin', node: (d) => d },
  { label: 'city officer of C (ancestor)', role: 'city_officer', node: (d) => d.slice(0, 4) },
  { label: 'province officer of P (ancestor)', role: 'province_officer', node: (d) => d.slice(0, 2) },
  { label: 'ops admin of C (ancestor)', role: 'ops_admin', node: (d) => d.slice(0, 4) },
  { label: 'district officer of S (sibling), its key unknown', role: 'district_officer', node: sibling, keyUnknown: true },
  { label: 'district officer of S (sibling), its key believed', role: 'district_officer', node: sibling, outOfScope: true },
];

const expected = (service: ServiceCase, caller: Caller) => (caller.keyUnknown ? 401 : caller.outOfScope || !service.roles.includes(caller.role) ? 403 : 200);

describe.each(SERVICES)('access matrix: $service $route', (service) => {
  let app: ServiceHarness;
  let d: string;
  const get = async (token?: string) => (await app.app.inject({ method: 'GET', url: service.route, headers: token ? { authorization: `Bearer ${token}` } : {} })).statusCode;
  const districtOfficer = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) => forgedToken(d, { role: 'district_officer' }, { claims, header });

  beforeAll(async () => {
    app = await startService(service.service, service.module);
    d = app.config.node.code;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it.each(CALLERS)('$label', async (caller) => {
    const node = caller.node(d);
    if (caller.outOfScope) await trustTestKeys(app.app.get(TrustStore), [node]);
    const token = await officerToken(node, { role: caller.role, ...caller.claims?.(d) });
    expect(await get(token)).toBe(expected(service, caller));
  });

  it('refuses every token that is not a node\'s valid one with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused = {
      none: undefined,
      expired: await districtOfficer({ iat: now - 1200, exp: now - 300 }),
      'over 15 minutes': await districtOfficer({ iat: now, exp: now + 16 * 60 }),
      'without exp': await districtOfficer({ exp: undefined }),
      'wrong aud': await districtOfficer({ aud: 'someone-else' }),
      'wrong iss': await districtOfficer({ iss: 'https://elsewhere.invalid/oidc' }),
      'unknown kid': await districtOfficer({}, { kid: 'nobody' }),
      'empty node': await districtOfficer({ node: '' }),
      'node other than its key\'s': await districtOfficer({ node: d.slice(0, 4), role: 'city_officer' }),
      'role above its node\'s level': await districtOfficer({ role: 'province_officer' }),
      'unknown role': await districtOfficer({ role: 'admin' }),
      'station manager without station': await forgedToken(d, { role: 'station_manager' }, {}),
      'street officer without street': await forgedToken(d, { role: 'street_officer' }, {}),
      'alg none': `${Buffer.from(JSON.stringify({ alg: 'none', kid: `test-${d}` })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', role: 'district_officer', node: d })).toString('base64url')}.`,
      'HS256 with the public key': await new SignJWT({ role: 'district_officer', node: d, sid: 's' })
        .setProtectedHeader({ alg: 'HS256', kid: `test-${d}` })
        .setSubject('x')
        .setAudience('waystation')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode((await testKeysAnnounced(d)).data.keys[0]!.jwk.x)),
      'garbage': 'not.a.token',
    };
    const statuses = Object.fromEntries(await Promise.all(Object.entries(refused).map(async ([why, token]) => [why, await get(token)] as const)));
    expect(statuses).toEqual(Object.fromEntries(Object.keys(refused).map((why) => [why, 401])));
  });

  it('believes no key announced on another node\'s subject than the node it names', async () => {
    // Another district of the same city (the test node's code ends in two random hex digits: never the same as its own).
    const stranger = `${d.slice(0, 4)}${d.slice(4) === 'ee' ? 'ef' : 'ee'}`;
    const announcement = await testKeysAnnounced(stranger);
    expect(await app.app.get(TrustStore).accept(announcement, identityDirectiveSubject(nodeRef(d), 'SigningKeysAnnounced', 'forged'))).toBe(false);
    expect(await get(await officerToken(stranger, { role: 'district_officer' }))).toBe(401);
  });

  it('ends a revoked session\'s tokens and no other', async () => {
    const [revoked, kept] = [randomUUID(), randomUUID()];
    const until = new Date(Date.now() + 15 * 60_000).toISOString();
    await app.app.get(TrustStore).accept({ type: 'SessionsRevoked', data: { node: d, sessionIds: [revoked], until } }, identityDirectiveSubject(nodeRef(d), 'SessionsRevoked', randomUUID()));
    const role = service.roles.includes('district_officer') ? 'district_officer' : 'ops_admin';
    expect(await get(await officerToken(d, { role, session: revoked }))).toBe(401);
    expect(await get(await officerToken(d, { role, session: kept }))).toBe(200);
  });
});

describe('access matrix: a city\'s stations service and its child district', () => {
  let app: ServiceHarness;
  let city: string;
  let child: string;
  const get = async (token: string) => (await app.app.inject({ method: 'GET', url: '/admin/projections', headers: { authorization: `Bearer ${token}` } })).statusCode;

  beforeAll(async () => {
    app = await startService('stations', (config) => StationsModule.forRoot({ config: { ...config, node: nodeRef(config.node.code.slice(0, 4)) } }));
    city = app.config.node.code.slice(0, 4);
    child = app.config.node.code;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('serves the city\'s officers and its province\'s, never its child district\'s', async () => {
    expect(await get(await officerToken(city, { role: 'city_officer' }))).toBe(200);
    expect(await get(await officerToken(city.slice(0, 2), { role: 'province_officer' }))).toBe(200);
    // Directives flow down: a district's keys never reach its city's DIR.
    expect(await get(await officerToken(child, { role: 'district_officer' }))).toBe(401);
    // Were they believed, the district's node still does not cover its city.
    await trustTestKeys(app.app.get(TrustStore), [child]);
    expect(await get(await officerToken(child, { role: 'district_officer' }))).toBe(403);
    expect(await get(await officerToken(child, { role: 'ops_admin' }))).toBe(403);
  });
});

/** One route as a caller hits it: `ok` is what a permitted caller gets (the handler ran: a missing id's 404, an empty body's 400). */
interface RouteCase {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  body?: Record<string, unknown>;
  roles: readonly Role[];
  ok: number;
  /** Only the served node's own officers (keys): an ancestor's token is out of scope. */
  ownNode?: boolean;
  /** Open to anyone (counts, public search): every caller, with or without a token, gets `ok`. */
  public?: boolean;
}

interface RoutedService {
  service: string;
  module: (config: PlatformConfig) => DynamicModule;
  routes: RouteCase[];
}

const MISSING = randomUUID();
const ACCOUNT_MANAGERS: Role[] = ['province_officer', 'city_officer', 'district_officer'];
const JOBS_OFFICERS: Role[] = ['street_officer', 'station_manager', 'district_officer', 'city_officer', 'province_officer'];
const JOBS_REVIEWERS: Role[] = ['street_officer', 'district_officer'];
/** Seekers' and employers' routes: their own session tokens, never an officer's. */
const NO_OFFICER: Role[] = [];

const REPORT_OFFICERS: Role[] = ['province_officer', 'city_officer', 'district_officer'];
const DELIVERERS: Role[] = [...REPORT_OFFICERS, 'street_officer', 'station_manager'];
const REPORT_DAYS = 'from=2026-01-01&to=2026-12-31';

const ROUTED: RoutedService[] = [
  {
    service: 'stations',
    module: (config) => StationsModule.forRoot({ config }),
    routes: [
      { method: 'GET', url: '/reports?kind=year&period=2026', roles: REPORT_OFFICERS, ok: 200 },
      { method: 'GET', url: '/reports.xlsx?kind=month&period=2026-03', roles: REPORT_OFFICERS, ok: 200 },
      { method: 'GET', url: '/reports.pdf?kind=quarter&period=2026-Q1', roles: REPORT_OFFICERS, ok: 200 },
      { method: 'POST', url: '/programmes', body: {}, roles: REPORT_OFFICERS, ok: 400 },
      { method: 'POST', url: `/programmes/${MISSING}/deliveries`, body: { streetCode: '330502001', deliveredOn: '2026-06-01', people: 1 }, roles: DELIVERERS, ok: 404 },
      { method: 'POST', url: `/programmes/${MISSING}/close`, body: { closedOn: '2026-06-01' }, roles: REPORT_OFFICERS, ok: 404 },
      { method: 'POST', url: '/funds/budgets', body: {}, roles: REPORT_OFFICERS, ok: 400 },
      { method: 'POST', url: `/funds/budgets/${MISSING}/adjust`, body: { amountFen: 1, reason: '调整' }, roles: REPORT_OFFICERS, ok: 404 },
      { method: 'POST', url: `/funds/budgets/${MISSING}/spending`, body: { category: 'books', amountFen: 1, spentOn: '2026-06-01', payee: '新华书店' }, roles: DELIVERERS, ok: 404 },
      { method: 'GET', url: '/funds/budgets', roles: DELIVERERS, ok: 200 },
      { method: 'POST', url: '/legal-aid/cases', body: {}, roles: DELIVERERS, ok: 400 },
      { method: 'POST', url: `/legal-aid/cases/${MISSING}/mediation`, body: { on: '2026-06-01' }, roles: DELIVERERS, ok: 404 },
      { method: 'POST', url: `/legal-aid/cases/${MISSING}/settle`, body: { on: '2026-06-01', recoveredFen: 0 }, roles: DELIVERERS, ok: 404 },
      { method: 'POST', url: `/legal-aid/cases/${MISSING}/refer`, body: { on: '2026-06-01', partner: 'shared_court' }, roles: DELIVERERS, ok: 404 },
      { method: 'POST', url: `/legal-aid/cases/${MISSING}/close`, body: { on: '2026-06-01', outcome: 'advised' }, roles: DELIVERERS, ok: 404 },
      { method: 'GET', url: `/legal-aid/cases/${MISSING}/worker`, roles: DELIVERERS, ok: 404 },
      { method: 'GET', url: '/legal-aid/cases', roles: DELIVERERS, ok: 200 },
    ],
  },
  { service: 'membership', module: (config) => MembershipModule.forRoot({ config }), routes: [{ method: 'GET', url: `/report-figures?${REPORT_DAYS}`, roles: REPORT_OFFICERS, ok: 200 }] },
  { service: 'wishes', module: (config) => WishesModule.forRoot({ config }), routes: [{ method: 'GET', url: `/report-figures?${REPORT_DAYS}`, roles: REPORT_OFFICERS, ok: 200 }] },
  { service: 'dispatch', module: (config) => DispatchModule.forRoot({ config }), routes: [{ method: 'GET', url: `/report-figures?${REPORT_DAYS}`, roles: REPORT_OFFICERS, ok: 200 }] },
  {
    service: 'identity',
    module: (config) => IdentityModule.forRoot({ config, identity: identityConfig({ IDENTITY_COOKIE_SECRET: 'test-cookie-secret-0123456789abcdef', IDENTITY_VAULT_KEY: 'test-vault-key-0123456789abcdefghij' }) }),
    routes: [
      { method: 'GET', url: '/accounts', roles: ACCOUNT_MANAGERS, ok: 200 },
      { method: 'POST', url: '/accounts', body: {}, roles: ACCOUNT_MANAGERS, ok: 400 },
      { method: 'GET', url: `/accounts/${MISSING}`, roles: ACCOUNT_MANAGERS, ok: 404 },
      { method: 'PUT', url: `/accounts/${MISSING}/scope`, body: { role: 'district_officer' }, roles: ACCOUNT_MANAGERS, ok: 404 },
      { method: 'POST', url: `/accounts/${MISSING}/unlock`, roles: ACCOUNT_MANAGERS, ok: 404 },
      { method: 'POST', url: `/accounts/${MISSING}/totp/reset`, roles: ACCOUNT_MANAGERS, ok: 404 },
      { method: 'POST', url: `/accounts/${MISSING}/password`, body: { password: 'Chongzhi-Mima#7' }, roles: ACCOUNT_MANAGERS, ok: 404 },
      { method: 'POST', url: `/accounts/${MISSING}/disable`, roles: ACCOUNT_MANAGERS, ok: 404 },
      { method: 'POST', url: `/accounts/${MISSING}/sessions/revoke`, roles: ACCOUNT_MANAGERS, ok: 404 },
      { method: 'GET', url: '/keys', roles: OPS_ROLES, ok: 200, ownNode: true },
      // The in-process service signs with a key made for the process: there is no file to rotate.
      { method: 'POST', url: '/keys/rotate', roles: OPS_ROLES, ok: 409, ownNode: true },
    ],
  },
  {
    service: 'jobs',
    module: (config) => JobsModule.forRoot({ config, jobs: { sessionSecret: 'jobs-test-session-secret-0123456789abcdef' } }),
    routes: [
      { method: 'GET', url: '/employers', roles: JOBS_OFFICERS, ok: 200 },
      { method: 'POST', url: `/employers/${MISSING}/approve`, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'POST', url: `/employers/${MISSING}/return`, body: { reason: '材料不全' }, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'POST', url: `/employers/${MISSING}/suspend`, body: { reason: '投诉' }, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'POST', url: `/employers/${MISSING}/reinstate`, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'GET', url: '/postings', roles: JOBS_OFFICERS, ok: 200 },
      { method: 'POST', url: `/postings/${MISSING}/approve`, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'POST', url: `/postings/${MISSING}/return`, body: { reason: '工资不明' }, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'POST', url: `/postings/${MISSING}/take-down`, body: { reason: 'charges_fees' }, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'GET', url: '/employers/me', roles: NO_OFFICER, ok: 200 },
      { method: 'GET', url: '/postings/mine', roles: NO_OFFICER, ok: 200 },
      { method: 'GET', url: '/seekers/me', roles: NO_OFFICER, ok: 200 },
      // Applying and hiring: seekers' and employers' own session tokens only.
      { method: 'POST', url: `/postings/${MISSING}/applications`, body: {}, roles: NO_OFFICER, ok: 404 },
      { method: 'GET', url: `/postings/${MISSING}/applications`, roles: NO_OFFICER, ok: 404 },
      { method: 'POST', url: `/postings/${MISSING}/reports`, body: { kind: 'fake' }, roles: NO_OFFICER, ok: 404 },
      { method: 'GET', url: '/seekers/me/applications', roles: NO_OFFICER, ok: 200 },
      { method: 'POST', url: `/seekers/me/applications/${MISSING}/accept`, roles: NO_OFFICER, ok: 404 },
      { method: 'POST', url: `/seekers/me/applications/${MISSING}/decline`, body: {}, roles: NO_OFFICER, ok: 404 },
      { method: 'POST', url: `/seekers/me/applications/${MISSING}/rating`, body: { rating: 5 }, roles: NO_OFFICER, ok: 404 },
      { method: 'POST', url: `/employers/me/applications/${MISSING}/invite`, body: {}, roles: NO_OFFICER, ok: 404 },
      { method: 'POST', url: `/employers/me/applications/${MISSING}/hire`, body: { agreedPayFen: 3000, startDate: '2026-06-03' }, roles: NO_OFFICER, ok: 404 },
      { method: 'POST', url: `/employers/me/applications/${MISSING}/decline`, body: {}, roles: NO_OFFICER, ok: 404 },
      { method: 'POST', url: `/employers/me/applications/${MISSING}/rating`, body: { rating: 5 }, roles: NO_OFFICER, ok: 404 },
      // Search near home, 精准推送's inbox.
      { method: 'GET', url: '/seekers/me/postings', roles: NO_OFFICER, ok: 404 },
      { method: 'GET', url: '/seekers/me/inbox', roles: NO_OFFICER, ok: 200 },
      { method: 'POST', url: `/seekers/me/inbox/${MISSING}/read`, roles: NO_OFFICER, ok: 404 },
      { method: 'GET', url: '/postings/nearby?lng=106.27&lat=29.97', roles: [], ok: 200, public: true },
      // Counts upward: no one's data, open like the stations' figures.
      { method: 'GET', url: '/figures?by=category', roles: [], ok: 200, public: true },
      // Fairs (招聘会 / 直播带岗): the street's and the district's officers run them; every officer sees the counts.
      { method: 'GET', url: '/fairs', roles: JOBS_OFFICERS, ok: 200 },
      { method: 'GET', url: `/fairs/${MISSING}`, roles: JOBS_OFFICERS, ok: 404 },
      { method: 'POST', url: '/fairs', body: { title: '招聘会', format: 'online' }, roles: JOBS_REVIEWERS, ok: 400 },
      { method: 'POST', url: `/fairs/${MISSING}/employers`, body: { employerId: MISSING }, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'POST', url: `/fairs/${MISSING}/postings`, body: { postingId: MISSING }, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'POST', url: `/fairs/${MISSING}/attendance`, body: { count: 1 }, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'POST', url: `/fairs/${MISSING}/intentions`, body: { postingId: MISSING, count: 1 }, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'POST', url: `/fairs/${MISSING}/held`, roles: JOBS_REVIEWERS, ok: 404 },
      { method: 'POST', url: `/fairs/${MISSING}/cancel`, body: { reason: '暴雨预警' }, roles: JOBS_REVIEWERS, ok: 404 },
    ],
  },
];

describe.each(ROUTED)('access matrix: every officers\' route of $service', (service) => {
  let app: ServiceHarness;
  let d: string;

  beforeAll(async () => {
    app = await startService(service.service, service.module);
    d = app.config.node.code;
    await trustTestKeys(app.app.get(TrustStore), [sibling(d)]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const believed = CALLERS.filter((caller) => !caller.keyUnknown);

  it.each(service.routes)('$method $url', async (route) => {
    const outcome = async (token?: string) => {
      const answer = await app.app.inject({ method: route.method, url: route.url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(route.body ? { payload: route.body } : {}) });
      return answer.statusCode;
    };
    const want = (caller: Caller) => {
      if (route.public) return route.ok;
      if (caller.outOfScope || !route.roles.includes(caller.role)) return route.roles.length === 0 ? 401 : 403;
      return route.ownNode && caller.node(d) !== d ? 403 : route.ok;
    };
    const got: Record<string, number> = { 'no token': await outcome() };
    const expectedByCaller: Record<string, number> = { 'no token': route.public ? route.ok : 401 };
    for (const caller of believed) {
      got[caller.label] = await outcome(await officerToken(caller.node(d), { role: caller.role, ...caller.claims?.(d) }));
      expectedByCaller[caller.label] = want(caller);
    }
    expect(got).toEqual(expectedByCaller);
  });
});

/**
 * Every route of every service, as its OpenAPI document lists it, × every kind of token, on a
 * district node 330802 (柯城区) of city 3308 (衢州) of province 33 (浙江), its nats-server its own
 * (real division codes on a shared server would meet other tests' streams). What each route
 * answers is in ./access-matrix.routes (a route the table lacks fails): a token no node of this
 * node's line signed validly gets 401 everywhere; a valid token whose role the route does not
 * admit, 403; an admitted one, what the handler answers (ids that exist nowhere: 404; empty
 * bodies: 400), or what `except` says for that caller.
 */
const SERVED = '330802';
const STREET_A = '330802001';
const STREET_B = '330802002';
const STATION_X = '0190a1b2-c3d4-7e5f-8a6b-000000000001';
const STATION_Y = '0190a1b2-c3d4-7e5f-8a6b-000000000002';
const SIBLING = '330803';
const REVOKED_SESSION = '0190a1b2-c3d4-7e5f-8a6b-00000000dead';

/** A caller of the matrix: its token, and the principal a service must see in it (none: 401 everywhere but public routes). */
interface MatrixCaller {
  label: MatrixCallerLabel;
  token: () => Promise<string | undefined>;
  role?: Role;
}

const NODES = ['33', '3308', SERVED, '330424'] as const;
/** A role's claims at D: street officers of street A, station managers of station X (in street A). */
const placeOf = (role: Role) => (role === 'street_officer' ? { street: STREET_A } : role === 'station_manager' ? { station: STATION_X, street: STREET_A } : {});
/** Which role at which node verifies at D: its level's node (ops_admin: any), a key D believes (330424's never reaches D's DIR). */
const VALID_AT: Record<(typeof NODES)[number], readonly Role[]> = {
  '33': ['province_officer', 'ops_admin'],
  '3308': ['city_officer', 'ops_admin'],
  [SERVED]: ['district_officer', 'street_officer', 'station_manager', 'ops_admin'],
  '330424': [],
};

const now = () => Math.floor(Date.now() / 1000);
const servedDistrict = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, signedBy?: string) =>
  forgedToken(SERVED, { role: 'district_officer' }, { claims, header, ...(signedBy ? { signedBy } : {}) });

const MATRIX_CALLERS: MatrixCaller[] = [
  { label: 'no token', token: async () => undefined },
  ...NODES.flatMap((node) =>
    ROLES.map((role): MatrixCaller => ({
      label: `${role}@${node}` as MatrixCallerLabel,
      token: () => officerToken(node, { role, ...placeOf(role) }),
      ...(VALID_AT[node].includes(role) ? { role } : {}),
    })),
  ),
  { label: 'street_officer@330802 street B', role: 'street_officer', token: () => officerToken(SERVED, { role: 'street_officer', street: STREET_B, subject: 'test-street_officer-b' }) },
  { label: 'station_manager@330802 station Y', role: 'station_manager', token: () => officerToken(SERVED, { role: 'station_manager', station: STATION_Y, street: STREET_B, subject: 'test-station_manager-y' }) },
  { label: 'station_manager@330802 without station', token: () => forgedToken(SERVED, { role: 'station_manager' }, {}) },
  { label: 'district_officer node ""', token: () => servedDistrict({ node: '' }) },
  { label: 'expired', token: () => servedDistrict({ iat: now() - 1200, exp: now() - 300 }) },
  { label: 'no exp', token: () => servedDistrict({ exp: undefined }) },
  {
    label: 'alg none',
    token: async () => `${Buffer.from(JSON.stringify({ alg: 'none', kid: `test-${SERVED}` })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: testIssuer(SERVED), aud: ACCESS_TOKEN_AUDIENCE, sub: 'x', sid: 's', role: 'district_officer', node: SERVED, iat: now(), exp: now() + 600 })).toString('base64url')}.`,
  },
  {
    label: 'HS256 signed with the public key',
    token: async () =>
      new SignJWT({ role: 'district_officer', node: SERVED, sid: 's' })
        .setProtectedHeader({ alg: 'HS256', kid: `test-${SERVED}` })
        .setIssuer(testIssuer(SERVED))
        .setSubject('x')
        .setAudience(ACCESS_TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode((await testKeysAnnounced(SERVED)).data.keys[0]!.jwk.x)),
  },
  { label: 'signed by the sibling 330803\'s key', token: () => servedDistrict({}, { kid: `test-${SERVED}` }, SIBLING) },
  { label: 'revoked session', token: () => officerToken(SERVED, { role: 'district_officer', session: REVOKED_SESSION }) },
];

const MATRIX_SERVICES: Array<{ service: MatrixService; module: (config: PlatformConfig) => DynamicModule }> = [
  { service: 'stations', module: (config) => StationsModule.forRoot({ config }) },
  { service: 'membership', module: (config) => MembershipModule.forRoot({ config }) },
  { service: 'wishes', module: (config) => WishesModule.forRoot({ config }) },
  { service: 'dispatch', module: (config) => DispatchModule.forRoot({ config }) },
  { service: 'notify', module: (config) => NotifyModule.forRoot({ config }) },
  { service: 'jobs', module: (config) => JobsModule.forRoot({ config, jobs: { sessionSecret: 'jobs-test-session-secret-0123456789abcdef' } }) },
  { service: 'identity', module: (config) => IdentityModule.forRoot({ config, identity: identityConfig({ IDENTITY_COOKIE_SECRET: 'test-cookie-secret-0123456789abcdef', IDENTITY_VAULT_KEY: 'test-vault-key-0123456789abcdefghij' }) }) },
];

/** A path parameter's value: street A for a street code, else an id that exists nowhere. */
const parameterValue = (name: string) => (name === 'streetCode' ? STREET_A : '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b');

/** What a caller should get from a route, by the table. */
function expectedStatus(route: RouteExpectation, caller: MatrixCaller): number {
  if ('public' in route) return route.except?.[caller.label] ?? route.public;
  if (caller.role === undefined) return 401;
  if (!route.roles.includes(caller.role)) return 403;
  return route.except?.[caller.label] ?? route.ok;
}

/** The table row that reproduces what was observed (ACCESS_MATRIX_RECORD: to review a new route's row, never to paste blindly). */
function observedRow(statuses: Record<string, number>): string {
  const callers = MATRIX_CALLERS.filter((caller) => caller.role !== undefined);
  const mostCommon = (values: number[]) => [...values].sort((a, b) => values.filter((v) => v === b).length - values.filter((v) => v === a).length)[0]!;
  const exceptions = (base: (caller: MatrixCaller) => number) => {
    const odd = MATRIX_CALLERS.filter((caller) => statuses[caller.label] !== base(caller)).map((caller) => `'${caller.label}': ${statuses[caller.label]}`);
    return odd.length ? `, except: { ${odd.join(', ')} }` : '';
  };
  // Open without login (a worker's page), or every caller refused (a member's, volunteer's or seeker's own session: no officer's token opens it).
  if (statuses['no token'] !== 401 || MATRIX_CALLERS.every((caller) => statuses[caller.label] === 401)) {
    const status = statuses['no token']!;
    return `{ public: ${status}${exceptions(() => status)} }`;
  }
  const roles = ROLES.filter((role) => callers.some((caller) => caller.role === role && statuses[caller.label] !== 403));
  const ok = mostCommon(callers.filter((caller) => roles.includes(caller.role!)).map((caller) => statuses[caller.label]!));
  const row: RouteExpectation = { roles, ok };
  return `{ roles: [${roles.map((r) => `'${r}'`).join(', ')}], ok: ${ok}${exceptions((caller) => expectedStatus(row, caller))} }`;
}

describe('access matrix: every route of every service\'s OpenAPI document × every kind of token', () => {
  let nats: NatsProcess;
  const tokens = new Map<string, string | undefined>();

  beforeAll(async () => {
    nats = await startNatsServer({ node: nodeRef(SERVED, '柯城区') });
    for (const caller of MATRIX_CALLERS) tokens.set(caller.label, await caller.token());
  }, 60_000);

  afterAll(async () => {
    await nats?.remove();
  });

  describe.each(MATRIX_SERVICES)('$service', ({ service, module }) => {
    let app: ServiceHarness;
    let routes: Array<{ key: string; method: string; url: string }>;

    beforeAll(async () => {
      // One node's services share its EVT and DIR streams, as on a real node.
      app = await startService(service, (config) => module({ ...config, node: nodeRef(SERVED, '柯城区'), natsUrl: nats.url, streams: { evt: `EVT_${SERVED}`, dir: `DIR_${SERVED}` } }));
      const store = app.app.get(TrustStore);
      const revoked = { type: 'SessionsRevoked' as const, data: { node: SERVED, sessionIds: [REVOKED_SESSION], until: new Date(Date.now() + 3_600_000).toISOString() } };
      if (!(await store.accept(revoked, identityDirectiveSubject(nodeRef(SERVED), 'SessionsRevoked', 'matrix')))) throw new Error('revocation not believed');
      const document = SwaggerModule.createDocument(app.app, new DocumentBuilder().build());
      routes = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item as object)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), url: path.replace(/\{([^}]+)\}/g, (_, name: string) => parameterValue(name)) })),
      );
    }, 120_000);

    afterAll(async () => {
      await app?.close();
    });

    it('has every route of its OpenAPI document in the table, and no route it does not serve', () => {
      const table = Object.keys(ROUTE_TABLE[service]);
      expect({ missing: routes.map((r) => r.key).filter((key) => !table.includes(key)), stale: table.filter((key) => !routes.some((r) => r.key === key)) }).toEqual({ missing: [], stale: [] });
    });

    it('hides from its OpenAPI document only the controllers the table names, each open without login', () => {
      const hidden = app.app
        .get(DiscoveryService)
        .getControllers()
        .filter((wrapper) => wrapper.metatype && (Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, wrapper.metatype) as unknown[] | undefined)?.[0])
        .map((wrapper) => {
          const type = wrapper.metatype!;
          const handlers = Object.getOwnPropertyNames(type.prototype).filter((name) => name !== 'constructor').map((name) => type.prototype[name]).filter((handler) => typeof handler === 'function' && Reflect.getMetadata(PATH_METADATA, handler) !== undefined);
          const open = (target: object) => Reflect.getMetadata(PUBLIC_ROUTE, target) === true;
          return { controller: type.name, public: open(type) || (handlers.length > 0 && handlers.every(open)) };
        });
      const endpointsHidden = app.app
        .get(DiscoveryService)
        .getControllers()
        .flatMap((wrapper) => Object.getOwnPropertyNames(wrapper.metatype?.prototype ?? {}).filter((name) => Reflect.getMetadata(DECORATORS.API_EXCLUDE_ENDPOINT, wrapper.metatype!.prototype[name])));
      expect({ hidden: hidden.sort((x, y) => x.controller.localeCompare(y.controller)), endpointsHidden }).toEqual({ hidden: [...HIDDEN_FROM_OPENAPI[service]].sort().map((controller) => ({ controller, public: true })), endpointsHidden: [] });
    });

    it('answers every route × token as the table says', async () => {
      const mismatches: Record<string, Record<string, { got: number; want: number }>> = {};
      const recorded: string[] = [];
      for (const route of routes) {
        const statuses: Record<string, number> = {};
        for (const [index, caller] of MATRIX_CALLERS.entries()) {
          const token = tokens.get(caller.label);
          const answer = await app.app.inject({
            method: route.method as 'GET',
            // A caller per address: the per-address limits of public routes (codes, look-ups) count each caller's one request.
            remoteAddress: `10.77.0.${index + 1}`,
            url: route.url,
            headers: token ? { authorization: `Bearer ${token}` } : {},
            ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
          });
          statuses[caller.label] = answer.statusCode;
        }
        recorded.push(`    '${route.key}': ${observedRow(statuses)},`);
        const expected = ROUTE_TABLE[service][route.key];
        if (!expected) continue; // the test above names it
        for (const caller of MATRIX_CALLERS) {
          const want = expectedStatus(expected, caller);
          if (statuses[caller.label] !== want) (mismatches[route.key] ??= {})[caller.label] = { got: statuses[caller.label]!, want };
        }
      }
      if (process.env['ACCESS_MATRIX_RECORD']) appendFileSync(process.env['ACCESS_MATRIX_RECORD'], `  ${service}: {\n${recorded.join('\n')}\n  },\n`);
      expect(mismatches).toEqual({});
    }, 600_000);
  });

  /**
   * The views of a member's personal data, with a member of street A that exists: each caller
   * sees the name, mobile and ID number unmasked (the member's own district's officers and its
   * street's), masked (other streets, ancestors, station managers) or not at all (401, 403);
   * and the access log holds a row for each unmasked view and none for a masked one.
   */
  /** A volunteer of street A's contact (dispatch): unmasked and logged for the district and street A, masked for street A's station manager, refused to the rest. */
  describe('dispatch: a volunteer\'s contact at 330802, masked or unmasked, and the access log', () => {
    let app: ServiceHarness;
    let volunteerId: string;
    const person = syntheticPerson(434_343);
    type View = 'unmasked' | 'masked' | 401 | 403;
    const SEES: Partial<Record<MatrixCallerLabel, View>> = {
      'district_officer@330802': 'unmasked',
      'street_officer@330802': 'unmasked',
      'street_officer@330802 street B': 403,
      'station_manager@330802': 'masked',
      'station_manager@330802 station Y': 403,
    };

    beforeAll(async () => {
      app = await startService('dispatch', (config) => DispatchModule.forRoot({ config: { ...config, node: nodeRef(SERVED, '柯城区'), natsUrl: nats.url, streams: { evt: `EVT_${SERVED}`, dir: `DIR_${SERVED}` } } }));
      await app.app.get(TrustStore).accept({ type: 'SessionsRevoked', data: { node: SERVED, sessionIds: [REVOKED_SESSION], until: new Date(Date.now() + 3_600_000).toISOString() } }, identityDirectiveSubject(nodeRef(SERVED), 'SessionsRevoked', 'matrix-vol'));
      const registered = await app.app.inject({
        method: 'POST',
        url: '/volunteers',
        payload: { name: person.name, mobile: person.mobile, type: 'student', skills: [], homeStreet: STREET_A, availability: [] },
        headers: { authorization: `Bearer ${tokens.get('district_officer@330802')}` },
      });
      if (registered.statusCode !== 201) throw new Error(`volunteer: ${registered.body}`);
      volunteerId = registered.json().volunteerId;
      await sql`delete from pii_access_log`.execute(app.app.get<Kysely<unknown>>(DB));
    }, 120_000);

    afterAll(async () => {
      await app?.close();
    });

    it('shows each caller the contact as the table says, and logs exactly the unmasked views', async () => {
      const seen: Record<string, View> = {};
      const wanted: Record<string, View> = {};
      for (const caller of MATRIX_CALLERS) {
        const token = tokens.get(caller.label);
        const answer = await app.app.inject({ method: 'GET', url: `/volunteers/${volunteerId}/contact`, headers: token ? { authorization: `Bearer ${token}` } : {} });
        if (answer.statusCode !== 200) seen[caller.label] = answer.statusCode as 401 | 403;
        else {
          const { name, mobile, disclosure } = answer.json() as { name: string; mobile: string; disclosure: string };
          if (disclosure === 'unmasked' && name === person.name && mobile === person.mobile) seen[caller.label] = 'unmasked';
          else if (disclosure === 'masked' && name !== person.name && mobile.includes('****') && mobile !== person.mobile) seen[caller.label] = 'masked';
          else throw new Error(`a view that is neither: ${disclosure}`);
        }
        wanted[caller.label] = SEES[caller.label] ?? (caller.role === undefined ? 401 : 403);
      }
      expect(seen).toEqual(wanted);
      const { rows } = await sql<{ actor: string; n: number }>`select actor, count(*)::int as n from pii_access_log where volunteer_id = ${volunteerId} group by actor order by actor`.execute(app.app.get<Kysely<unknown>>(DB));
      expect(rows).toEqual([
        { actor: 'test-district_officer', n: 1 },
        { actor: 'test-street_officer', n: 1 },
      ]);
    });
  });

  describe('membership: personal-data views at 330802, masked or unmasked, and the access log', () => {
    let app: ServiceHarness;
    let member: { membershipId: string; applicationId: string; unionId: string; personId: string };
    const person = syntheticPerson(424_242);
    type View = 'unmasked' | 'masked' | 401 | 403;
    /** The member detail and the application detail (the list shows the same as the detail, row by row). */
    const SEES: Partial<Record<MatrixCallerLabel, { member: View; application: View }>> = {
      'district_officer@330802': { member: 'unmasked', application: 'unmasked' },
      'street_officer@330802': { member: 'unmasked', application: 'unmasked' },
      'street_officer@330802 street B': { member: 'masked', application: 'masked' },
      'city_officer@3308': { member: 'masked', application: 'masked' },
      'province_officer@33': { member: 'masked', application: 'masked' },
      'station_manager@330802': { member: 'masked', application: 403 },
      'station_manager@330802 station Y': { member: 'masked', application: 403 },
      'ops_admin@33': { member: 403, application: 403 },
      'ops_admin@3308': { member: 403, application: 403 },
      'ops_admin@330802': { member: 403, application: 403 },
    };
    const view = (answer: { statusCode: number; json(): { person?: { disclosure: string; name: string; mobile: string; idNumber: string } } }): View => {
      if (answer.statusCode !== 200) return answer.statusCode as 401 | 403;
      const shown = answer.json().person!;
      const unmasked = shown.name === person.name && shown.mobile === person.mobile && shown.idNumber === person.idNumber;
      const masked = shown.name !== person.name && shown.mobile.includes('****') && shown.idNumber.includes('****') && !shown.idNumber.includes(person.idNumber.slice(3, 14));
      if (shown.disclosure === 'unmasked' && unmasked) return 'unmasked';
      if (shown.disclosure === 'masked' && masked) return 'masked';
      throw new Error(`a view that is neither: ${JSON.stringify(shown.disclosure)}`);
    };

    beforeAll(async () => {
      app = await startService('membership', (config) =>
        MembershipModule.forRoot({
          config: { ...config, node: nodeRef(SERVED, '柯城区'), natsUrl: nats.url, streams: { evt: `EVT_${SERVED}`, dir: `DIR_${SERVED}` } },
          // The service's own defaults, without the SMS code at joining (the set-up applies without one).
          membership: { ...membershipConfig({}), joinMobileCode: false, lookupPerMinute: 1000, pointsPerCheckin: 1 },
        }),
      );
      const store = app.app.get(TrustStore);
      await store.accept({ type: 'SessionsRevoked', data: { node: SERVED, sessionIds: [REVOKED_SESSION], until: new Date(Date.now() + 3_600_000).toISOString() } }, identityDirectiveSubject(nodeRef(SERVED), 'SessionsRevoked', 'matrix-pd'));
      const district = tokens.get('district_officer@330802')!;
      const call = (method: 'GET' | 'POST', url: string, payload?: object, token?: string) =>
        app.app.inject({ method, url, ...(payload ? { payload } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });
      const union = await call('POST', '/unions', { name: '柯城区外卖配送行业联合工会', kind: 'joint', occupations: ['rider'], streetCode: STREET_A }, district);
      if (union.statusCode !== 201) throw new Error(`union: ${union.body}`);
      const unionId = union.json().unionId as string;
      const submitted = await call('POST', '/applications', { ...person, occupation: 'rider', employer: '美团', unionId, streetCode: STREET_A });
      if (submitted.statusCode !== 201) throw new Error(`application: ${submitted.body}`);
      const applicationId = submitted.json().applicationId as string;
      const approved = await call('POST', `/applications/${applicationId}/approve`, undefined, district);
      if (approved.statusCode !== 200) throw new Error(`approval: ${approved.body}`);
      await app.settle();
      const { rows } = await sql<{ person_id: string }>`select person_id from membership_registry where membership_id = ${approved.json().membershipId}`.execute(app.app.get<Kysely<unknown>>(DB));
      member = { membershipId: approved.json().membershipId, applicationId, unionId, personId: rows[0]!.person_id };
      // What the set-up itself disclosed is not the matrix's.
      await sql`delete from pii_access_log`.execute(app.app.get<Kysely<unknown>>(DB));
    }, 120_000);

    afterAll(async () => {
      await app?.close();
    });

    it('shows each caller the member and the application as the table says, the list as the detail, and logs exactly the unmasked views', async () => {
      const seen: Record<string, { member: View; application: View; list: View }> = {};
      const wanted: Record<string, { member: View; application: View; list: View }> = {};
      for (const caller of MATRIX_CALLERS) {
        const token = tokens.get(caller.label);
        const headers = token ? { authorization: `Bearer ${token}` } : {};
        const detail = await app.app.inject({ method: 'GET', url: `/members/${member.membershipId}`, headers });
        const application = await app.app.inject({ method: 'GET', url: `/applications/${member.applicationId}`, headers });
        const list = await app.app.inject({ method: 'GET', url: `/members?unionId=${member.unionId}`, headers });
        const listed = list.statusCode === 200 ? { statusCode: 200, json: () => ({ person: list.json().items.find((m: { membershipId: string }) => m.membershipId === member.membershipId)?.person }) } : list;
        seen[caller.label] = { member: view(detail), application: view(application), list: view(listed) };
        const want = SEES[caller.label] ?? { member: caller.role === undefined ? 401 : 403, application: caller.role === undefined ? 401 : 403 };
        // The list admits the roles the application queue does (not station managers), masked as the detail.
        wanted[caller.label] = { ...want, list: want.member === 'unmasked' || want.member === 'masked' ? (caller.role === 'station_manager' ? 403 : want.member) : want.member };
      }
      expect(seen).toEqual(wanted);

      const { rows } = await sql<{ actor: string; person_id: string; n: number }>`select actor, person_id, count(*)::int as n from pii_access_log group by actor, person_id order by actor`.execute(app.app.get<Kysely<unknown>>(DB));
      // Three unmasked views each (member, application, list row) by the district officer and street A's officer; none by anyone else.
      expect(rows).toEqual([
        { actor: 'district_officer:test-district_officer', person_id: member.personId, n: 3 },
        { actor: 'street_officer:test-street_officer', person_id: member.personId, n: 3 },
      ]);
    });
  });
});
