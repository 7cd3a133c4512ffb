import { jetstream, jetstreamManager } from '@ws/testing/nats';
import { connect, headers as natsHeaders } from '@ws/testing/nats';
import { natsConnectOptions } from '@ws/messaging';
import { Kysely } from 'kysely';
import { shanghaiYear } from '@ws/contracts';
import { newId, type Role } from '@ws/kernel';
import { DB } from '@ws/platform';
import { eventually, KEYSET_REFUSED, keysetRefusals, walkKeysetPages } from '@ws/testing';
import { type FederatedNode, ServiceFederation } from '@ws/testing/federation';
import type { StationsDatabase } from '../db/database';
import { StationsModule } from '../stations.module';

const BA_YOU = ['air_conditioning', 'fridge', 'microwave', 'water_dispenser', 'charging', 'tables_chairs', 'first_aid_kit', 'toilet'];

const station = (name: string, facilities: string[]) => ({
  name,
  kind: 'station',
  tier: 'community',
  host: 'community_centre',
  streetCode: '330802001',
  communityCode: null,
  address: `${name}路1号`,
  location: { lng: 118.873, lat: 28.936 },
  hours: { open24h: true },
  seats: 8,
  facilities,
});

/**
 * A city and two of its districts, each with its own nats-server (JetStream domain, leafnode to
 * the city), database and stations service: the city directs, the districts receive and answer,
 * and the city measures progress from the stations its districts register.
 */
describe('directives: city → districts, progress back up (real nats-servers)', () => {
  const federation = new ServiceFederation({ service: 'stations', module: (config) => StationsModule.forRoot({ config }), districts: ['west', 'east'] });
  let city: FederatedNode;
  let west: FederatedNode;
  let east: FederatedNode;
  const nextYear = shanghaiYear(new Date()) + 1;
  const deadline = `${nextYear}-06-30`;

  beforeAll(async () => {
    ({ city, districts: { west, east } } = await federation.start());
  }, 120_000);

  afterAll(() => federation.close());

  const receivedAt = async (node: FederatedNode) => (await node.request('GET', '/directives/received')).body.items as Array<Record<string, any>>;
  const cityDirective = async (id: string) => (await city.request('GET', `/directives/${id}`)).body;

  let standardId: string;
  let targetId: string;

  it('issues a standard to the whole subtree and a target to both districts; both receive them and the standard is in force everywhere', async () => {
    // 乙区 had a standard of its own: the directive replaces it.
    expect((await east.request('POST', '/standard', { standard: 'liu_you' })).status).toBe(200);

    const standard = await city.request('POST', '/directives', { kind: 'adopt_standard', standard: 'ba_you', deadline });
    expect(standard.status).toBe(201);
    expect(standard.body).toMatchObject({ events: ['DirectiveIssued'], title: `推行八有建设标准，${nextYear}年6月底前驿站全部达标` });
    standardId = standard.body.directiveId;
    const target = await city.request('POST', '/directives', { kind: 'station_target', stations: 4, standard: 'ba_you', deadline, children: [east.ref.code, west.ref.code] });
    expect(target.status).toBe(201);
    expect(target.body.title).toBe(`${nextYear}年6月底前驿站≥4个且全部达八有`);
    targetId = target.body.directiveId;
    await city.service.settle();

    for (const district of [west, east]) {
      await eventually(async () => {
        await district.service.settle();
        return (await receivedAt(district)).length === 2;
      }, { what: `${district.ref.code} receives both` });
      const items = await receivedAt(district);
      expect(items.map((i) => i.id).sort()).toEqual([standardId, targetId].sort());
      expect(items.find((i) => i.id === targetId)).toMatchObject({
        kind: 'station_target',
        issuerNode: city.ref.code,
        goal: { kind: 'station_target', stations: 4, standard: 'ba_you' },
        deadline,
        status: 'open',
        acknowledged: false,
      });
      await eventually(async () => {
        await district.service.settle();
        return (await district.request('GET', '/compliance')).body.standard === 'ba_you';
      }, { what: `${district.ref.code} adopts 八有` });
    }
    expect((await city.request('GET', '/compliance')).body.standard).toBe('ba_you');
  }, 120_000);

  it('lets a district acknowledge what it received, and nothing else', async () => {
    const acknowledged = await west.request('POST', `/directives/${targetId}/acknowledge`);
    expect(acknowledged).toMatchObject({ status: 200, body: { directiveId: targetId, nodeCode: west.ref.code, acknowledged: true, events: ['DirectiveAcknowledged'] } });
    // Again: no change, same answer.
    expect((await west.request('POST', `/directives/${targetId}/acknowledge`)).body.events).toEqual([]);

    const unknown = await west.request('POST', `/directives/${newId()}/acknowledge`);
    expect(unknown).toMatchObject({ status: 404, body: { code: 'directive_not_received' } });
    // The city is the issuer, not an addressee.
    expect((await city.request('POST', `/directives/${targetId}/acknowledge`)).body.code).toBe('directive_not_received');
    // An ancestor's officer may act at the district, but not sign for it.
    const onBehalf = await east.request('POST', `/directives/${targetId}/acknowledge`, undefined, { role: 'city_officer', node: city.ref.code });
    expect(onBehalf).toMatchObject({ status: 403, body: { code: 'out_of_scope' } });

    await west.service.settle();
    await eventually(async () => {
      await west.service.settle();
      return (await receivedAt(west)).find((i) => i.id === targetId)?.acknowledged === true;
    }, { what: 'the district sees its acknowledgement' });
  }, 60_000);

  it('measures the target at the city from the stations its districts register', async () => {
    for (const [node, name, facilities] of [
      [west, '甲区一号驿站', BA_YOU],
      [west, '甲区二号驿站', BA_YOU],
      [west, '甲区三号驿站', BA_YOU.slice(0, 6)],
      [east, '乙区一号驿站', BA_YOU],
      [east, '乙区二号驿站', ['air_conditioning']],
    ] as const) {
      expect((await node.request('POST', '/stations', station(name, [...facilities]))).status).toBe(201);
    }
    await west.service.settle();
    await east.service.settle();

    // Five open stations, three meeting 八有: "≥ 4, all 八有" now asks all five to comply.
    await eventually(async () => {
      await city.service.settle();
      const [target, standard] = await Promise.all([cityDirective(targetId), cityDirective(standardId)]);
      const acknowledgements = target.acknowledgements;
      return target.stations?.total === 5 && acknowledgements?.acknowledged === 1 && acknowledgements?.received === 2 && standard.children.every((c: { standard: string }) => c.standard === 'ba_you');
    }, { what: 'the city sees the five stations and the acknowledgement' });
    const target = await cityDirective(targetId);
    expect(target).toMatchObject({
      id: targetId,
      kind: 'station_target',
      issuerNode: city.ref.code,
      scope: 'children',
      addressedTo: [west.ref.code, east.ref.code].sort(),
      deadline,
      target: 5,
      current: 3,
      progress: 0.6,
      status: 'open',
      stations: { total: 5, compliant: 3 },
      acknowledgements: { expected: 2, received: 2, acknowledged: 1 },
    });
    expect(target.children).toEqual(
      [
        { code: west.ref.code, name: west.ref.code, received: true, acknowledged: true, acknowledgedAt: expect.any(String), current: 2, stations: 3 },
        { code: east.ref.code, name: east.ref.code, received: true, acknowledged: false, acknowledgedAt: null, current: 1, stations: 2 },
      ].sort((a, b) => byCode(a.code, b.code)),
    );
    expect(target.history.map((h: { type: string; nodeCode: string }) => `${h.type}@${h.nodeCode}`)).toEqual(
      expect.arrayContaining([`DirectiveIssued@${city.ref.code}`, `DirectiveReceived@${west.ref.code}`, `DirectiveReceived@${east.ref.code}`, `DirectiveAcknowledged@${west.ref.code}`]),
    );

    // The list the dashboard reads: both directives, the subtree-wide one expecting every child seen.
    const { items } = (await city.request('GET', '/directives')).body;
    expect(items.map((i: { id: string }) => i.id).sort()).toEqual([standardId, targetId].sort());
    const standard = items.find((i: { id: string }) => i.id === standardId);
    expect(standard).toMatchObject({ scope: 'subtree', target: 5, current: 3, progress: 0.6, acknowledgements: { expected: 2, received: 2, acknowledged: 0 } });
    expect(standard.children.map((c: { code: string; standard: string }) => [c.code, c.standard])).toEqual(
      [[west.ref.code, 'ba_you'], [east.ref.code, 'ba_you']].sort((a, b) => byCode(a[0]!, b[0]!)),
    );
  }, 120_000);

  it('changes nothing when a directive is delivered again', async () => {
    // 乙区 goes back to its own standard: a redelivered directive must not adopt 八有 over it again.
    expect((await east.request('POST', '/standard', { standard: 'liu_you' })).status).toBe(200);
    await east.service.settle();
    const countsBefore = await Promise.all([west, east].map(receiptEventCounts));
    const listsBefore = await Promise.all([west, east].map(receivedAt));

    // The city's DirectiveIssued of the standard, published again under a new message id (past the duplicate window).
    const nc = await connect(natsConnectOptions(city.nats.url));
    const jsm = await jetstreamManager(nc);
    const { state } = await jsm.streams.info('DIR');
    let republished = 0;
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const message = await jsm.streams.getMessage('DIR', { seq });
      if (!message?.subject.endsWith(`.DirectiveIssued.${standardId}`)) continue;
      const headers = natsHeaders();
      for (const [key, value] of message.header ?? []) if (!key.startsWith('Nats-')) headers.set(key, value[0]!);
      await jetstream(nc).publish(message.subject, message.data, { msgID: newId(), headers });
      republished++;
    }
    const lastSeq = (await jsm.streams.info('DIR')).state.last_seq;
    await nc.close();
    expect(republished).toBe(1);

    for (const district of [west, east]) {
      // The district's DIR has sourced the copy once its last message is the city's last one again.
      await eventually(async () => {
        const dnc = await connect(natsConnectOptions(district.nats.url));
        const info = await (await jetstreamManager(dnc)).streams.info('DIR');
        await dnc.close();
        return info.state.messages >= lastSeq;
      }, { what: `${district.ref.code} sources the copy` });
      await district.service.settle();
    }
    expect(await Promise.all([west, east].map(receiptEventCounts))).toEqual(countsBefore);
    expect(await Promise.all([west, east].map(receivedAt))).toEqual(listsBefore);
    expect((await east.request('GET', '/compliance')).body.standard).toBe('liu_you');
    await city.service.settle();
    expect((await cityDirective(standardId)).acknowledgements).toEqual({ expected: 2, received: 2, acknowledged: 0 });
  }, 120_000);

  it('withdraws and re-dates directives down the tree', async () => {
    const amended = await city.request('POST', `/directives/${standardId}/deadline`, { deadline: `${nextYear}-12-31` });
    expect(amended).toMatchObject({ status: 200, body: { events: ['DirectiveDeadlineAmended'] } });
    const withdrawn = await city.request('POST', `/directives/${targetId}/withdraw`, { reason: '目标任务调整' });
    expect(withdrawn).toMatchObject({ status: 200, body: { events: ['DirectiveWithdrawn'] } });
    await city.service.settle();

    await eventually(async () => {
      await east.service.settle();
      const items = await receivedAt(east);
      return items.find((i) => i.id === targetId)?.status === 'withdrawn' && items.find((i) => i.id === standardId)?.deadline === `${nextYear}-12-31`;
    }, { what: 'the district hears both' });
    const late = await east.request('POST', `/directives/${targetId}/acknowledge`);
    expect(late).toMatchObject({ status: 409, body: { code: 'directive_withdrawn' } });
    expect((await city.request('POST', `/directives/${targetId}/withdraw`, { reason: '再撤一次' })).body.code).toBe('directive_withdrawn');

    await eventually(async () => (await cityDirective(targetId)).status === 'withdrawn', { what: 'the city shows it withdrawn' });
    expect(await cityDirective(targetId)).toMatchObject({ status: 'withdrawn', withdrawnReason: '目标任务调整' });
  }, 60_000);

  it('answers bad directives with problem+json naming the field', async () => {
    const issue = (body: Record<string, unknown>, as?: { role?: Role; node?: string }) => city.request('POST', '/directives', body, as);
    const expectField = (response: { status: number; body: any }, status: number, code: string, field: string) => {
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ code, field });
    };
    expectField(await issue({ kind: 'adopt_standard', standard: 'ba_you', deadline, colour: 'red' }), 400, 'validation_failed', 'colour');
    expectField(await issue({ kind: 'station_target', deadline }), 400, 'validation_failed', 'stations');
    expectField(await issue({ kind: 'station_target', stations: 0, deadline }), 400, 'validation_failed', 'stations');
    expectField(await issue({ kind: 'station_target', stations: 10, year: 2026, deadline }), 400, 'validation_failed', 'year');
    expectField(await issue({ kind: 'review_campaign', deadline }), 400, 'validation_failed', 'year');
    expectField(await issue({ kind: 'adopt_standard', deadline }), 400, 'validation_failed', 'standard');
    expectField(await issue({ kind: 'adopt_standard', standard: 'gold', deadline }), 400, 'validation_failed', 'standard');
    expectField(await issue({ kind: 'promote', deadline }), 400, 'validation_failed', 'kind');
    expectField(await issue({ kind: 'adopt_standard', standard: 'ba_you', deadline: '30/06/2027' }), 400, 'validation_failed', 'deadline');
    expectField(await issue({ kind: 'adopt_standard', standard: 'ba_you', deadline: '2020-01-01' }), 422, 'invalid_deadline', 'deadline');
    expectField(await issue({ kind: 'adopt_standard', standard: 'ba_you', deadline, children: ['330802'] }), 422, 'invalid_addressee', 'children');
    expectField(await issue({ kind: 'review_campaign', year: 2000, deadline }), 422, 'invalid_target', 'year');
    const bad = await issue({ kind: 'adopt_standard', standard: 'ba_you', deadline, children: 'all' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('children');

    // The city's own ops admin may not direct; a district's officer is nobody at the city (its key is not believed there).
    expect((await issue({ kind: 'adopt_standard', standard: 'ba_you', deadline }, { role: 'ops_admin' })).body.code).toBe('forbidden');
    expect((await issue({ kind: 'adopt_standard', standard: 'ba_you', deadline }, { role: 'district_officer', node: '330802' })).body.code).toBe('unauthenticated');
    // A district has nobody to direct, whoever asks.
    const fromDistrict = await west.request('POST', '/directives', { kind: 'adopt_standard', standard: 'ba_you', deadline }, { role: 'city_officer', node: city.ref.code });
    expect(fromDistrict).toMatchObject({ status: 409, body: { code: 'no_child_nodes' } });

    expect((await city.request('GET', '/directives/not-a-uuid')).body).toMatchObject({ code: 'validation_failed', field: 'id' });
    expect((await city.request('GET', `/directives/${newId()}`)).status).toBe(404);
    expect((await city.request('POST', `/directives/${newId()}/withdraw`, { reason: '无' })).body.code).toBe('directive_not_found');
    expect((await city.request('POST', `/directives/${standardId}/deadline`, { deadline: '2020-01-01' })).body).toMatchObject({ code: 'invalid_deadline', field: 'deadline' });
    // Nothing of that reached the list.
    expect((await city.request('GET', '/directives')).body.items).toHaveLength(2);
  }, 60_000);

  it('pages the issued directives on the server, the newest first, and refuses a bad limit or cursor in Chinese', async () => {
    // Public like the dashboard's other figures: no token.
    const get = async (query: string) => {
      const response = await city.service.app.inject({ method: 'GET', url: `/directives?${query}` });
      return { status: response.statusCode, body: response.json(), headers: new Headers(Object.entries(response.headers).map(([name, value]) => [name, String(value)])) };
    };
    const whole = (await get('')).body as { items: Array<{ id: string; issuedAt: string }>; next: string | null };
    expect(whole.next).toBeNull();
    expect(whole.items.map((d) => d.issuedAt)).toEqual(whole.items.map((d) => d.issuedAt).sort().reverse());
    const first = await get('limit=1');
    expect(first.body.items.map((d: { id: string }) => d.id)).toEqual([whole.items[0]!.id]);
    const second = await get(`limit=1&after=${encodeURIComponent(first.body.next)}`);
    expect(second.body.items.map((d: { id: string }) => d.id)).toEqual([whole.items[1]!.id]);
    expect(await walkKeysetPages(get, 1, (d: { id: string }) => d.id)).toEqual(whole.items.map((d) => d.id));
    expect(await keysetRefusals(get)).toEqual(KEYSET_REFUSED);
  });

  it('reports the DIR inbox in /health like the read models, and refuses to replay it', async () => {
    const health = await west.request('GET', '/health');
    expect(health.body.details.projections.status).toBe('up');
    expect(health.body.details.projections['stations.directive-inbox']).toMatchObject({ lagEvents: 0, position: expect.any(Number) });
    expect(health.body.details.projections['stations.directive-inbox'].position).toBeGreaterThan(0);

    const countsBefore = await receiptEventCounts(west);
    const replay = await west.request('POST', '/admin/projections/stations.directive-inbox/rebuild', undefined, 'district_officer');
    expect(replay).toMatchObject({ status: 409, body: { code: 'not_rebuildable', field: 'name' } });
    const directory = await west.request('POST', '/admin/projections/stations.directory/rebuild', undefined, 'district_officer');
    expect(directory.status).toBe(202);
    await west.service.settle();
    expect(await receiptEventCounts(west)).toEqual(countsBefore);
  }, 60_000);
});

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How many receipts and adoptions the node's own event store holds. */
async function receiptEventCounts(node: FederatedNode): Promise<Record<string, number>> {
  const db = node.service.app.get<Kysely<StationsDatabase>>(DB);
  const rows = await db
    .selectFrom('events')
    .select(['type', (eb) => eb.fn.countAll<string>().as('count')])
    .where('type', 'in', ['DirectiveReceived', 'DirectiveAcknowledged', 'StandardAdopted'])
    .groupBy('type')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.count)]));
}
