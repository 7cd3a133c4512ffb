import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { APPLICATION_CHANNELS, REJECTION_REASON_LABELS, UNION_KINDS } from '@ws/contracts';
import { applicationFor, MembershipHarness, startMembership } from './testing/membership-harness';
import { syntheticPerson } from './demo/synthetic-people';

const LOOKUPS_PER_MINUTE = 6;

/** Joining end to end in one process: HTTP → event store → outbox → JetStream → read models. */
describe('membership API (real Postgres and NATS)', () => {
  let service: MembershipHarness;
  let officer: string;
  let unionId: string;

  beforeAll(async () => {
    service = await startMembership({ lookupPerMinute: LOOKUPS_PER_MINUTE });
    officer = await service.officer();
    unionId = await service.createUnion(officer);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('names its codes for the pages, in the contracts\' order', async () => {
    const labels = await service.request('GET', '/labels');
    expect(labels.statusCode).toBe(200);
    expect(labels.headers['cache-control']).toBe('public, max-age=3600');
    const body = labels.json();
    expect(body.unionKinds.map((k: { code: string }) => k.code)).toEqual([...UNION_KINDS]);
    expect(body.unionKinds).toContainEqual({ code: 'joint', label: '新就业形态联合工会' });
    expect(body.applicationStatuses).toContainEqual({ code: 'info_requested', label: '待补充材料' });
    expect(body.channels.map((c: { code: string }) => c.code)).toEqual([...APPLICATION_CHANNELS]);
    expect(body.rejectionReasons).toEqual(Object.entries(REJECTION_REASON_LABELS).map(([code, label]) => ({ code, label })));
    expect(body.infoFields).toContainEqual({ code: 'unionId', label: '所选工会' });
    expect(body.memberStatuses).toContainEqual({ code: 'transferred_out', label: '已转出' });
    expect(body.erasureStatuses).toContainEqual({ code: 'refused', label: '不予注销' });
    expect(body.handedOverBy).toContainEqual({ code: 'officer', label: '工会柜台' });
  });

  it('applies, approves and issues a member card the applicant can look up', async () => {
    const person = syntheticPerson(1);
    const submitted = await service.request('POST', '/applications', applicationFor(1, unionId));
    expect(submitted.statusCode).toBe(201);
    const { applicationId, applicationNumber, status } = submitted.json();
    expect(status).toBe('accepted');
    expect(applicationNumber).toMatch(/^RH\d{6}[0-9A-Z]{10}$/);

    const pending = await service.request('GET', `/applications/lookup?number=${applicationNumber}&mobile=${person.mobile}`);
    expect(pending.statusCode).toBe(200);
    expect(pending.json()).toMatchObject({ status: 'submitted', unionId });

    const approved = await service.request('POST', `/applications/${applicationId}/approve`, undefined, officer);
    expect(approved.statusCode).toBe(200);
    const { membershipId, cardNumber } = approved.json();
    expect(cardNumber).toMatch(new RegExp(`^${service.config.node.code.toUpperCase()}\\d{8}$`));

    const looked = await service.request('POST', '/applications/lookup', { number: applicationNumber, mobile: person.mobile });
    expect(looked.json()).toMatchObject({ status: 'approved', cardNumber });

    await service.settle();
    const card = await service.request('GET', `/members/${membershipId}`, undefined, officer);
    expect(card.statusCode).toBe(200);
    expect(card.json()).toMatchObject({ cardNumber, unionId, status: 'active', person: { name: person.name, disclosure: 'unmasked' } });
    const stats = await service.request('GET', `/members/stats?by=union`);
    expect(stats.json().rows).toEqual([expect.objectContaining({ key: unionId, members: 1, label: '柯城区外卖配送行业联合工会' })]);
  });

  it('answers a second application with the same ID number with the existing membership, never a duplicate', async () => {
    // An officer at the counter vouches for the mobile: the membership with its card.
    const again = await service.request('POST', '/applications', applicationFor(1, unionId), officer);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'existing_membership', cardNumber: expect.any(String) });

    // The public form, with the mobile on record or another one, is told only that the ID number is on record.
    for (const mobile of [syntheticPerson(1).mobile, '13900000000']) {
      const publicAnswer = await service.request('POST', '/applications', applicationFor(1, unionId, { mobile }));
      expect(publicAnswer.statusCode).toBe(200);
      expect(publicAnswer.json()).toEqual({ status: 'on_record' });
    }

    await service.settle();
    const stats = await service.request('GET', `/members/stats?by=union`);
    expect(stats.json().rows[0].members).toBe(1);
  });

  it('a wrong mobile and a wrong number answer alike', async () => {
    const submitted = (await service.request('POST', '/applications', applicationFor(2, unionId))).json();
    const wrongMobile = await service.request('GET', `/applications/lookup?number=${submitted.applicationNumber}&mobile=13700000000`);
    const wrongNumber = await service.request('GET', `/applications/lookup?number=RH000000AAAAAAAAAA&mobile=${syntheticPerson(2).mobile}`);
    expect(wrongMobile.statusCode).toBe(404);
    expect(wrongNumber.statusCode).toBe(404);
    expect(wrongMobile.json().code).toBe(wrongNumber.json().code);
  });

  it('throttles status look-ups per client, answering problem+json 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LOOKUPS_PER_MINUTE + 2; i++) {
      statuses.push((await service.request('GET', `/applications/lookup?number=RH000000AAAAAAAAAA&mobile=1380000000${i}`)).statusCode);
    }
    const firstRefused = statuses.indexOf(429);
    expect(firstRefused).toBeGreaterThan(0);
    expect(firstRefused).toBeLessThanOrEqual(LOOKUPS_PER_MINUTE);
    expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
    const refused = await service.request('GET', '/applications/lookup?number=RH000000AAAAAAAAAA&mobile=13800000000');
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('rate_limited');
  });

  it('answers hostile single applications with problem+json naming the field, never echoing the value, and stores none of them', async () => {
    const hostile: Array<[Record<string, unknown>, string, string, string]> = [
      [applicationFor(900, unionId, { name: '张三😀' }), 'name_has_emoji', 'name', '张三😀'],
      [applicationFor(901, unionId, { idNumber: '110105194912310021' }), 'id_number_bad_checksum', 'idNumber', '110105194912310021'],
      [applicationFor(902, unionId, { name: "'); DROP TABLE persons;--" }), 'name_invalid_characters', 'name', 'DROP TABLE'],
      [applicationFor(903, unionId, { name: '张'.repeat(5000) }), 'name_too_long', 'name', '张'.repeat(60)],
      [applicationFor(904, '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b'), 'union_not_found', 'unionId', '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b'],
      [applicationFor(905, unionId, { unionId: "1' OR '1'='1" }), 'validation_failed', 'unionId', "OR '1'='1"],
    ];
    const before = await service.raw<{ n: number }>(`select count(*)::int as n from persons`);
    for (const [body, code, field, value] of hostile) {
      const response = await service.request('POST', '/applications', body);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code, field });
      expect(response.body).not.toContain(value);
    }
    expect((await service.raw<{ n: number }>(`select count(*)::int as n from persons`)).rows).toEqual(before.rows);
  });

  it('reports its health with every read model, exports metrics, and documents its API', async () => {
    const health = await service.request('GET', '/health');
    expect(health.statusCode).toBe(200);
    expect(health.json().details).toMatchObject({ postgres: { status: 'up' }, nats: { status: 'up' }, projections: { status: 'up' } });
    const readModels = ['membership.unions', 'membership.members', 'membership.application-queue', 'membership.transfers', 'membership.points-balances', 'membership.shop-stock'];
    expect(Object.keys(health.json().details.projections)).toEqual(expect.arrayContaining(readModels));

    const metrics = await service.request('GET', '/metrics');
    expect(metrics.statusCode).toBe(200);
    for (const name of readModels) expect(metrics.body).toMatch(new RegExp(`^ws_projection_lag_events\\{[^}]*projection="${name}"[^}]*\\} \\d+$`, 'm'));

    const document = SwaggerModule.createDocument(service.app, new DocumentBuilder().build());
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/applications', '/applications/bulk', '/applications/lookup', '/applications/approvals', '/applications/{applicationId}/reject',
        '/applications/{applicationId}/request-info', '/applications/queue', '/unions', '/unions/tree', '/unions/suggestion', '/members/stats',
        '/members/{membershipId}/transfers', '/transfers/{transferId}/accept', '/points/balances', '/shop/items', '/shop/redemptions',
        '/persons/{personId}/erasure', '/stats',
      ]),
    );
  });
});
