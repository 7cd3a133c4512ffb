import { connect } from '@ws/testing/nats';
import type { NatsConnection } from '@ws/testing/nats';
import { verificationCodeSubject } from '@ws/contracts';
import type { VerificationCodeReply, VerificationCodeRequest } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { serveRequests, natsConnectOptions } from '@ws/messaging';
import type { Responder } from '@ws/messaging';
import { type FederatedNode, publishForeignEvent, ServiceFederation } from '@ws/testing/federation';
import { eventually } from '@ws/testing';
import { JobsModule } from '../jobs.module';
import { samplePostingDetails, samplePreferences } from '../testing/samples';

/**
 * A province, its city and two districts, each with its own nats-server and jobs service: a
 * hire in a district counts at the city and the province (EVT sourced upward, no personal data),
 * and a district cannot count a hire for its sibling (parked as forged at every level).
 */
describe('jobs figures: a district hire counts at the province (real nats-servers)', () => {
  const federation = new ServiceFederation({
    service: 'jobs',
    module: (config) => JobsModule.forRoot({ config, jobs: { sessionSecret: 'jobs-federation-session-secret-0123456789' } }),
    districts: ['west', 'east'],
    withProvince: true,
  });
  let province: FederatedNode;
  let city: FederatedNode;
  let west: FederatedNode;
  let east: FederatedNode;
  const codes: VerificationCodeRequest[] = [];
  const connections: NatsConnection[] = [];
  const responders: Responder[] = [];

  beforeAll(async () => {
    const nodes = await federation.start();
    ({ city, districts: { west, east } } = nodes);
    province = nodes.province!;
    for (const district of [west, east]) {
      const nc = await connect(natsConnectOptions(district.nats.url));
      connections.push(nc);
      responders.push(
        serveRequests<VerificationCodeRequest, VerificationCodeReply>(nc, verificationCodeSubject(district.ref.code), async (request) => {
          codes.push(request);
          return { status: 'sent' };
        }),
      );
      await nc.flush();
    }
  }, 180_000);

  afterAll(async () => {
    for (const responder of responders) await responder.stop();
    for (const nc of connections) await nc.close();
    await federation.close();
  });

  const call = async (node: FederatedNode, method: 'GET' | 'POST' | 'PUT', url: string, options: { token?: string; body?: unknown } = {}) => {
    const response = await node.service.app.inject({
      method,
      url,
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    });
    return { status: response.statusCode, body: response.json() };
  };
  const code = async (node: FederatedNode, mobile: string, account: 'seeker' | 'employer') => {
    expect((await call(node, 'POST', '/accounts/codes', { body: { mobile, purpose: 'register', account } })).status).toBe(202);
    return codes.filter((c) => c.mobile === mobile).at(-1)!.code;
  };

  it('a hire and a fair at a district count at the city and the province, by district and category, without personal data', async () => {
    const street = `${west.ref.code}001`;
    const employer = (await call(west, 'POST', '/employers', {
      body: { kind: 'company', name: '某某家政公司', creditCode: '91350100M000100Y43', mobile: '13700000401', code: await code(west, '13700000401', 'employer'), streetCode: street },
    })).body as { employerId: string; token: string };
    await call(west, 'POST', '/employers/me/review', { token: employer.token });
    expect((await west.request('POST', `/employers/${employer.employerId}/approve`)).body).toMatchObject({ status: 'approved' });
    const { addressRef: _ref, ...details } = samplePostingDetails({ streetCode: street });
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const drafted = await call(west, 'POST', '/postings', { token: employer.token, body: { ...details, schedule: { ...details.schedule, startDate: null }, validUntil, address: '某某路1号' } });
    expect(drafted.status).toBe(201);
    const postingId = drafted.body.postingId as string;
    await call(west, 'POST', `/postings/${postingId}/submit`, { token: employer.token });
    expect((await west.request('POST', `/postings/${postingId}/approve`)).body).toMatchObject({ status: 'open' });

    const seeker = (await call(west, 'POST', '/seekers', {
      body: { name: '庞秀英', idNumber: '11010519491231002X', mobile: '13700000402', code: await code(west, '13700000402', 'seeker'), home: { lng: 106.27, lat: 29.99 }, preferences: samplePreferences({ homeStreetCode: street }) },
    })).body as { seekerId: string; token: string };
    const applied = await call(west, 'POST', `/postings/${postingId}/applications`, { token: seeker.token, body: {} });
    expect(applied.status).toBe(201);
    const applicationId = applied.body.applicationId as string;
    await call(west, 'POST', `/employers/me/applications/${applicationId}/invite`, { token: employer.token, body: {} });
    await call(west, 'POST', `/seekers/me/applications/${applicationId}/accept`, { token: seeker.token });
    const hired = await call(west, 'POST', `/employers/me/applications/${applicationId}/hire`, { token: employer.token, body: { agreedPayFen: 3000, startDate: '2026-12-20' } });
    expect(hired.body).toMatchObject({ status: 'hired' });
    // A 直播带岗 at the district, starting in a moment: 40 watched, 2 reached an intention on the posting.
    const fair = await west.request('POST', '/fairs', { title: '直播带岗：家政专场', format: 'online', streetCode: street, startsAt: new Date(Date.now() + 1500).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(fair.status).toBe(201);
    const fairId = fair.body.fairId as string;
    expect((await west.request('POST', `/fairs/${fairId}/postings`, { postingId })).status).toBe(200);
    // Attendance is refused until the fair has started.
    await eventually(async () => (await west.request('POST', `/fairs/${fairId}/attendance`, { count: 40 })).status === 200, { what: 'attendance recorded once the fair started' });
    expect((await west.request('POST', `/fairs/${fairId}/intentions`, { postingId, count: 2 })).status).toBe(200);
    expect((await west.request('POST', `/fairs/${fairId}/held`)).body).toMatchObject({ status: 'held' });
    await west.service.settle();

    const expected = { postingsPublished: 1, seekersRegistered: 1, applications: 1, hires: 1, fairsHeld: 1, fairAttendance: 40, fairIntentions: 2 };
    for (const node of [west, city, province]) {
      const figures = await eventually(async () => {
        await node.service.settle();
        const body = (await call(node, 'GET', '/figures?by=district')).body;
        return body.totals.hires === 1 && body.totals.fairsHeld === 1 ? body : undefined;
      }, { what: `the hire and the fair counted at ${node.ref.code}`, timeoutMs: 60_000 });
      expect(figures.items).toEqual([{ district: west.ref.code, ...expected }]);
    }
    const byCategory = (await call(province, 'GET', '/figures?by=category')).body;
    expect(byCategory.items).toEqual([{ category: 'housekeeping', label: '家政服务', postingsPublished: 1, seekersRegistered: 0, applications: 1, hires: 1, fairsHeld: 0, fairAttendance: 0, fairIntentions: 2 }]);
    expect(byCategory.totals).toEqual(expected);
    const rows = await province.service.app.inject({ method: 'GET', url: '/figures?by=day' });
    expect(rows.body).not.toMatch(/庞秀英|13700000402|11010519491231002X|某某家政公司/);
  }, 120_000);

  it('does not count a hire a district claims for its sibling: parked as forged at the city and the province', async () => {
    const nc = connections[1]!;
    await publishForeignEvent(nc, {
      node: east.ref,
      context: 'jobs',
      aggregate: 'application',
      aggregateId: newId(),
      type: 'JobApplicantHired',
      data: { applicationId: newId(), postingId: newId(), seekerId: newId(), employerId: newId(), category: 'moving', streetCode: `${west.ref.code}001`, agreedPayFen: 1, startDate: '2026-12-20' },
    });
    for (const node of [city, province]) {
      const parked = await eventually(async () => {
        await node.service.settle();
        const items = (await node.request('GET', '/admin/parked')).body.items as Array<Record<string, any>>;
        return items.some((p) => p.type === 'JobApplicantHired') ? items : undefined;
      }, { what: `the forged hire parked at ${node.ref.code}`, timeoutMs: 60_000 });
      expect(parked.find((p) => p.type === 'JobApplicantHired')).toMatchObject({ consumer: 'jobs.figures', reason: 'forged' });
      expect((await call(node, 'GET', '/figures?by=category')).body.totals.hires).toBe(1);
    }
  }, 120_000);
});
