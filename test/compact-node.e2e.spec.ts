import { randomUUID } from 'node:crypto';
import { jetstream } from '@ws/testing/nats';
import { connect, type NatsConnection } from '@ws/testing/nats';
import { eventSubject, nodeRef, type EventEnvelope } from '@ws/contracts';
import { createTestDatabase, eventually, NATS_URL, testNodeCode, type TestDatabase } from '@ws/testing';
import { deleteNodeStreams, startCompactProcess, type CompactProcess } from '@ws/testing/service-process';
import { DATA_SERVICES } from '../tools/topology';

const SECRET = 'compact-node-secret-0123456789abcdef';

/**
 * A compact node (every service of a node in one process, built dist) on real Postgres and
 * NATS: each service answers its own /health and /metrics on its own port; a service that
 * fails at boot ends alone (reported to the launcher); a projection parking a poison event turns
 * only its own service's /health red, logged under its own name, and the others keep serving.
 */
describe('compact node: all services in one process', () => {
  const code = testNodeCode();
  const streams = { evt: `EVT_${code}`, dir: `DIR_${code}` };
  const databases: TestDatabase[] = [];
  let node: CompactProcess;
  let nc: NatsConnection;

  const health = async (name: string) => {
    const response = await fetch(`${node.bases[name]}/health`).catch(() => undefined);
    return response ? { status: response.status, body: (await response.json()) as { status: string; error?: { faults?: { parked?: Record<string, number> } } } } : undefined;
  };

  beforeAll(async () => {
    const common = { NODE_CODE: code, EVT_STREAM: streams.evt, DIR_STREAM: streams.dir, JWT_SECRET: SECRET };
    const services = [];
    for (const service of DATA_SERVICES) {
      const database = await createTestDatabase(`cn_${service}`);
      databases.push(database);
      services.push({ name: service, service, env: { ...common, PG_DATABASE: database.name } });
    }
    // A second stations service whose database name Postgres would refuse: it fails while it boots.
    services.push({ name: 'broken', service: 'stations', env: { ...common, PG_DATABASE: 'Not-A-Database-Name' } });
    node = await startCompactProcess(services);
    nc = await connect({ servers: NATS_URL });
  }, 120_000);

  afterAll(async () => {
    const code = await node?.kill('SIGTERM');
    expect(code).toBe(0);
    await nc?.close();
    const cleanup = await connect({ servers: NATS_URL });
    await deleteNodeStreams(cleanup, streams);
    await cleanup.close();
    for (const database of databases) await database.drop();
  }, 60_000);

  it('serves every service on its own port with its own /health and /metrics, while the one that failed to boot ended alone', async () => {
    for (const service of DATA_SERVICES) {
      // On a timeout, say what the service answered and what the node printed (a failed start shows there).
      await eventually(async () => (await health(service))?.status === 200, { what: `${service} healthy`, timeoutMs: 90_000, everyMs: 250 }).catch(async (error: Error) => {
        throw new Error(`${error.message}; /health answered ${JSON.stringify(await health(service))}; the node printed:\n${node.output().slice(-4000)}`);
      });
      const metrics = await (await fetch(`${node.bases[service]}/metrics`)).text();
      expect(metrics).toContain(`service="${service}"`);
    }
    const broken = await eventually(async () => node.reports.find((r) => r.service === 'broken'), { what: 'the broken service reported', timeoutMs: 30_000 });
    expect(broken).toMatchObject({ service: 'broken', state: 'ended' });
    expect(node.output()).toMatch(/broken ended: exit\(1\)/);
    expect(await health('broken')).toBeUndefined();
    expect(node.child.exitCode).toBeNull();
  }, 120_000);

  it('parks a poison event in the stations read model: stations red, logged as stations; the other services keep serving', async () => {
    const stationId = randomUUID();
    const envelope: EventEnvelope = {
      eventId: randomUUID(), type: 'StationRegistered', schema: 1, streamId: `station-${stationId}`, streamVersion: 1, occurredAt: new Date().toISOString(),
      // A registration without a name, a place or hours: no read model can store it.
      data: { stationId }, metadata: { correlationId: stationId, causationId: stationId, node: code },
    };
    await jetstream(nc).publish(eventSubject(nodeRef(code), 'stations', 'station', stationId, 'StationRegistered'), JSON.stringify(envelope), { msgID: envelope.eventId });

    const red = await eventually(async () => {
      const answer = await health('stations');
      return answer?.status === 503 && Object.keys(answer.body.error?.faults?.parked ?? {}).length > 0 ? answer : undefined;
    }, { what: 'stations parked the poison event', timeoutMs: 30_000, everyMs: 250 });
    expect(Object.keys(red.body.error!.faults!.parked!).every((consumer) => consumer.startsWith('stations.'))).toBe(true);
    const parkedLines = node.output().split('\n').filter((line) => /projection stations\.[\w.-]+: parked/.test(line));
    expect(parkedLines.length).toBeGreaterThan(0);
    for (const line of parkedLines) expect(JSON.parse(line)).toMatchObject({ service: 'stations', node: code });

    // Services reading station events park it in their own read models (each red for its own
    // consumers only); the rest stay green; all of them keep answering.
    const others = await Promise.all(DATA_SERVICES.filter((s) => s !== 'stations').map(async (service) => ({ service, answer: await health(service) })));
    for (const { service, answer } of others) {
      expect(answer).toBeDefined();
      if (answer!.status !== 200) expect(Object.keys(answer!.body.error?.faults?.parked ?? {}).every((consumer) => consumer.startsWith(`${service}.`))).toBe(true);
    }
    expect(others.filter(({ answer }) => answer!.status === 200).length).toBeGreaterThan(0);
    expect(node.child.exitCode).toBeNull();
  }, 60_000);
});
