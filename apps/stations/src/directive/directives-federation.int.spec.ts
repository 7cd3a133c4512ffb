import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers as natsHeaders } from '@nats-io/transport-node';
import { Kysely } from 'kysely';
import { nodeRef, shanghaiToday, shanghaiYear, type NodeRef } from '@ws/contracts';
import { newId, signToken, type Role } from '@ws/kernel';
import { ensureNodeStreams, startNatsServer, type NatsProcess, type NodeStreamsOptions } from '@ws/messaging';
import { DB } from '@ws/platform';
import { testNodeCode } from '@ws/testing';
import { startTestService, TEST_JWT_SECRET, type TestServiceApp } from '@ws/testing/service-app';
import type { StationsDatabase } from '../db/database';
import { StationsModule } from '../stations.module';
import { DirectiveInboxService } from './inbox/directive-inbox.service';

interface Node {
  ref: NodeRef;
  nats: NatsProcess;
  service: TestServiceApp;
  call(method: 'GET' | 'POST', url: string, body?: unknown, as?: { role?: Role; node?: string }): Promise<{ status: number; body: any }>;
  /** Publishes the outbox, then lets the EVT projections and the DIR inbox apply what their streams hold. */
  settle(): Promise<void>;
}

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

/** Polls until `check` holds: directives cross nodes by stream sourcing, asynchronously. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A city and two of its districts, each with its own nats-server (JetStream domain, leafnode to
 * the city), database and stations service: the city directs, the districts receive and answer,
 * and the city measures progress from the stations its districts register.
 */
describe('directives: city → districts, progress back up (real nats-servers)', () => {
  const first = testNodeCode();
  const cityRef = nodeRef(first.slice(0, 4));
  const westRef = nodeRef(first);
  const eastRef = nodeRef(`${first.slice(0, 4)}${first.slice(4) === 'ff' ? 'fe' : 'ff'}`);
  const nodes: Node[] = [];
  let city: Node;
  let west: Node;
  let east: Node;
  const nextYear = shanghaiYear(new Date()) + 1;
  const deadline = `${nextYear}-06-30`;

  async function startNode(ref: NodeRef, nats: NatsProcess): Promise<Node> {
    const service = await startTestService('stations', (config) =>
      StationsModule.forRoot({ config: { ...config, node: ref, natsUrl: nats.url, streams: { evt: 'EVT', dir: 'DIR' } } }),
    );
    const node: Node = {
      ref,
      nats,
      service,
      async call(method, url, body, as = {}) {
        const role = as.role ?? (ref.level === 'city' ? 'city_officer' : 'district_officer');
        const token = await signToken(TEST_JWT_SECRET, { subject: `officer-${ref.code}`, role, node: as.node ?? ref.code });
        const response = await service.app.inject({ method, url, ...(body !== undefined ? { payload: body as object } : {}), headers: { authorization: `Bearer ${token}` } });
        return { status: response.statusCode, body: response.json() };
      },
      async settle() {
        await service.catchUp();
        await service.app.get(DirectiveInboxService).catchUp();
      },
    };
    nodes.push(node);
    return node;
  }

  beforeAll(async () => {
    const cityNats = await startNatsServer({ node: cityRef });
    const westNats = await startNatsServer({ node: westRef, parentLeafUrl: cityNats.leafUrl });
    const eastNats = await startNatsServer({ node: eastRef, parentLeafUrl: cityNats.leafUrl });
    const streams: Array<[NatsProcess, NodeRef, NodeStreamsOptions]> = [
      [westNats, westRef, { parent: { code: cityRef.code } }],
      [eastNats, eastRef, { parent: { code: cityRef.code } }],
      [cityNats, cityRef, { children: [{ code: westRef.code }, { code: eastRef.code }] }],
    ];
    for (const [nats, ref, options] of streams) {
      const nc = await connect({ servers: nats.url });
      await ensureNodeStreams(await jetstreamManager(nc), ref, options);
      await nc.close();
    }
    city = await startNode(cityRef, cityNats);
    west = await startNode(westRef, westNats);
    east = await startNode(eastRef, eastNats);
  }, 120_000);

  afterAll(async () => {
    for (const node of nodes) await node.service.close().catch(() => undefined);
    for (const node of nodes) await node.nats.remove().catch(() => undefined);
  });

  const receivedAt = async (node: Node) => (await node.call('GET', '/directives/received')).body.items as Array<Record<string, any>>;
  const cityDirective = async (id: string) => (await city.call('GET', `/directives/${id}`)).body;

  let standardId: string;
  let targetId: string;

  it('issues a standard to the whole subtree and a target to both districts; both receive them and the standard is in force everywhere', async () => {
    // 乙区 had a standard of its own: the directive replaces it.
    expect((await east.call('POST', '/standard', { standard: 'liu_you' })).status).toBe(200);

    const standard = await city.call('POST', '/directives', { kind: 'adopt_standard', standard: 'ba_you', deadline });
    expect(standard.status).toBe(201);
    expect(standard.body).toMatchObject({ events: ['DirectiveIssued'], title: `推行八有建设标准，${nextYear}年6月底前驿站全部达标` });
    standardId = standard.body.directiveId;
    const target = await city.call('POST', '/directives', { kind: 'station_target', stations: 4, standard: 'ba_you', deadline, children: [eastRef.code, westRef.code] });
    expect(target.status).toBe(201);
    expect(target.body.title).toBe(`${nextYear}年6月底前驿站≥4个且全部达八有`);
    targetId = target.body.directiveId;
    await city.settle();

    for (const district of [west, east]) {
      await eventually(`${district.ref.code} receives both`, async () => {
        await district.settle();
        return (await receivedAt(district)).length === 2;
      });
      const items = await receivedAt(district);
      expect(items.map((i) => i.id).sort()).toEqual([standardId, targetId].sort());
      expect(items.find((i) => i.id === targetId)).toMatchObject({
        kind: 'station_target',
        issuerNode: cityRef.code,
        goal: { kind: 'station_target', stations: 4, standard: 'ba_you' },
        deadline,
        status: 'open',
        acknowledged: false,
      });
      await eventually(`${district.ref.code} adopts 八有`, async () => {
        await district.settle();
        return (await district.call('GET', '/compliance')).body.standard === 'ba_you';
      });
    }
    expect((await city.call('GET', '/compliance')).body.standard).toBe('ba_you');
  }, 120_000);

  it('lets a district acknowledge what it received, and nothing else', async () => {
    const acknowledged = await west.call('POST', `/directives/${targetId}/acknowledge`);
    expect(acknowledged).toMatchObject({ status: 200, body: { directiveId: targetId, nodeCode: westRef.code, acknowledged: true, events: ['DirectiveAcknowledged'] } });
    // Again: no change, same answer.
    expect((await west.call('POST', `/directives/${targetId}/acknowledge`)).body.events).toEqual([]);

    const unknown = await west.call('POST', `/directives/${newId()}/acknowledge`);
    expect(unknown).toMatchObject({ status: 404, body: { code: 'directive_not_received' } });
    // The city is the issuer, not an addressee.
    expect((await city.call('POST', `/directives/${targetId}/acknowledge`)).body.code).toBe('directive_not_received');
    // An ancestor's officer may act at the district, but not sign for it.
    const onBehalf = await east.call('POST', `/directives/${targetId}/acknowledge`, undefined, { role: 'city_officer', node: cityRef.code });
    expect(onBehalf).toMatchObject({ status: 403, body: { code: 'out_of_scope' } });

    await west.settle();
    await eventually('the district sees its acknowledgement', async () => {
      await west.settle();
      return (await receivedAt(west)).find((i) => i.id === targetId)?.acknowledged === true;
    });
  }, 60_000);

  it('measures the target at the city from the stations its districts register', async () => {
    for (const [node, name, facilities] of [
      [west, '甲区一号驿站', BA_YOU],
      [west, '甲区二号驿站', BA_YOU],
      [west, '甲区三号驿站', BA_YOU.slice(0, 6)],
      [east, '乙区一号驿站', BA_YOU],
      [east, '乙区二号驿站', ['air_conditioning']],
    ] as const) {
      expect((await node.call('POST', '/stations', station(name, [...facilities]))).status).toBe(201);
    }
    await west.settle();
    await east.settle();

    // Five open stations, three meeting 八有: "≥ 4, all 八有" now asks all five to comply.
    await eventually('the city sees the five stations and the acknowledgement', async () => {
      await city.settle();
      const [target, standard] = await Promise.all([cityDirective(targetId), cityDirective(standardId)]);
      const acknowledgements = target.acknowledgements;
      return target.stations?.total === 5 && acknowledgements?.acknowledged === 1 && acknowledgements?.received === 2 && standard.children.every((c: { standard: string }) => c.standard === 'ba_you');
    });
    const target = await cityDirective(targetId);
    expect(target).toMatchObject({
      id: targetId,
      kind: 'station_target',
      issuerNode: cityRef.code,
      scope: 'children',
      addressedTo: [westRef.code, eastRef.code].sort(),
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
        { code: westRef.code, name: westRef.code, received: true, acknowledged: true, acknowledgedAt: expect.any(String), current: 2, stations: 3 },
        { code: eastRef.code, name: eastRef.code, received: true, acknowledged: false, acknowledgedAt: null, current: 1, stations: 2 },
      ].sort((a, b) => byCode(a.code, b.code)),
    );
    expect(target.history.map((h: { type: string; nodeCode: string }) => `${h.type}@${h.nodeCode}`)).toEqual(
      expect.arrayContaining([`DirectiveIssued@${cityRef.code}`, `DirectiveReceived@${westRef.code}`, `DirectiveReceived@${eastRef.code}`, `DirectiveAcknowledged@${westRef.code}`]),
    );

    // The list the dashboard reads: both directives, the subtree-wide one expecting every child seen.
    const { items } = (await city.call('GET', '/directives')).body;
    expect(items.map((i: { id: string }) => i.id).sort()).toEqual([standardId, targetId].sort());
    const standard = items.find((i: { id: string }) => i.id === standardId);
    expect(standard).toMatchObject({ scope: 'subtree', target: 5, current: 3, progress: 0.6, acknowledgements: { expected: 2, received: 2, acknowledged: 0 } });
    expect(standard.children.map((c: { code: string; standard: string }) => [c.code, c.standard])).toEqual(
      [[westRef.code, 'ba_you'], [eastRef.code, 'ba_you']].sort((a, b) => byCode(a[0]!, b[0]!)),
    );
  }, 120_000);

  it('changes nothing when a directive is delivered again', async () => {
    // 乙区 goes back to its own standard: a redelivered directive must not adopt 八有 over it again.
    expect((await east.call('POST', '/standard', { standard: 'liu_you' })).status).toBe(200);
    await east.settle();
    const countsBefore = await Promise.all([west, east].map(receiptEventCounts));
    const listsBefore = await Promise.all([west, east].map(receivedAt));

    // The city's DirectiveIssued of the standard, published again under a new message id (past the duplicate window).
    const nc = await connect({ servers: city.nats.url });
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
      await eventually(`${district.ref.code} sources the copy`, async () => {
        const dnc = await connect({ servers: district.nats.url });
        const info = await (await jetstreamManager(dnc)).streams.info('DIR');
        await dnc.close();
        return info.state.messages >= lastSeq;
      });
      await district.settle();
    }
    expect(await Promise.all([west, east].map(receiptEventCounts))).toEqual(countsBefore);
    expect(await Promise.all([west, east].map(receivedAt))).toEqual(listsBefore);
    expect((await east.call('GET', '/compliance')).body.standard).toBe('liu_you');
    await city.settle();
    expect((await cityDirective(standardId)).acknowledgements).toEqual({ expected: 2, received: 2, acknowledged: 0 });
  }, 120_000);

  it('withdraws and re-dates directives down the tree', async () => {
    const amended = await city.call('POST', `/directives/${standardId}/deadline`, { deadline: `${nextYear}-12-31` });
    expect(amended).toMatchObject({ status: 200, body: { events: ['DirectiveDeadlineAmended'] } });
    const withdrawn = await city.call('POST', `/directives/${targetId}/withdraw`, { reason: '目标任务调整' });
    expect(withdrawn).toMatchObject({ status: 200, body: { events: ['DirectiveWithdrawn'] } });
    await city.settle();

    await eventually('the district hears both', async () => {
      await east.settle();
      const items = await receivedAt(east);
      return items.find((i) => i.id === targetId)?.status === 'withdrawn' && items.find((i) => i.id === standardId)?.deadline === `${nextYear}-12-31`;
    });
    const late = await east.call('POST', `/directives/${targetId}/acknowledge`);
    expect(late).toMatchObject({ status: 409, body: { code: 'directive_withdrawn' } });
    expect((await city.call('POST', `/directives/${targetId}/withdraw`, { reason: '再撤一次' })).body.code).toBe('directive_withdrawn');

    await eventually('the city shows it withdrawn', async () => (await cityDirective(targetId)).status === 'withdrawn');
    expect(await cityDirective(targetId)).toMatchObject({ status: 'withdrawn', withdrawnReason: '目标任务调整' });
  }, 60_000);

  it('answers bad directives with problem+json naming the field', async () => {
    const issue = (body: Record<string, unknown>, as?: { role?: Role; node?: string }) => city.call('POST', '/directives', body, as);
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

    expect((await issue({ kind: 'adopt_standard', standard: 'ba_you', deadline }, { role: 'district_officer' })).body.code).toBe('forbidden');
    // A district has nobody to direct, whoever asks.
    const fromDistrict = await west.call('POST', '/directives', { kind: 'adopt_standard', standard: 'ba_you', deadline }, { role: 'city_officer', node: cityRef.code });
    expect(fromDistrict).toMatchObject({ status: 409, body: { code: 'no_child_nodes' } });

    expect((await city.call('GET', '/directives/not-a-uuid')).body).toMatchObject({ code: 'validation_failed', field: 'id' });
    expect((await city.call('GET', `/directives/${newId()}`)).status).toBe(404);
    expect((await city.call('POST', `/directives/${newId()}/withdraw`, { reason: '无' })).body.code).toBe('directive_not_found');
    expect((await city.call('POST', `/directives/${standardId}/deadline`, { deadline: '2020-01-01' })).body).toMatchObject({ code: 'invalid_deadline', field: 'deadline' });
    // Nothing of that reached the list.
    expect((await city.call('GET', '/directives')).body.items).toHaveLength(2);
  }, 60_000);
});

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How many receipts and adoptions the node's own event store holds. */
async function receiptEventCounts(node: Node): Promise<Record<string, number>> {
  const db = node.service.app.get<Kysely<StationsDatabase>>(DB);
  const rows = await db
    .selectFrom('events')
    .select(['type', (eb) => eb.fn.countAll<string>().as('count')])
    .where('type', 'in', ['DirectiveReceived', 'DirectiveAcknowledged', 'StandardAdopted'])
    .groupBy('type')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.count)]));
}
