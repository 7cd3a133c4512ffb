import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@ws/testing/nats';
import { Client } from 'pg';
import { nodeRef, type VisitsRecorded } from '@ws/contracts';
import { createTestDatabase, eventually, NATS_URL, testNodeCode, type TestDatabase } from '@ws/testing';
import { announceTestKey, officerToken } from '@ws/testing/officer-tokens';
import { deleteNodeStreams, freePort, nodeStreamEvents, startServiceProcess, type ServiceProcess } from '@ws/testing/service-process';

const CLIENTS = 24;

/**
 * SIGTERM to the stations service in the middle of a check-in load: it stops taking
 * connections, answers what it received (no 5xx), commits those check-ins, publishes its
 * outbox and exits 0 within its grace period. Every accepted check-in is on the bus exactly
 * once without a restart, and the outbox is empty.
 */
describe('stations: SIGTERM under a check-in load (built dist, real Postgres and NATS)', () => {
  let database: TestDatabase;
  let service: ServiceProcess | undefined;
  let nc: NatsConnection;
  const code = testNodeCode();
  const streams = { evt: `EVT_${code}`, dir: `DIR_${code}` };

  beforeAll(async () => {
    database = await createTestDatabase('sigterm');
    nc = await connect({ servers: NATS_URL });
  });

  afterAll(async () => {
    await service?.kill('SIGKILL');
    await deleteNodeStreams(nc, streams);
    await nc.close();
    await database.drop();
  });

  it('drains and exits 0: answered requests are 2xx, accepted check-ins all on the bus once, the outbox empty', async () => {
    const env = { NODE_CODE: code, PG_DATABASE: database.name, EVT_STREAM: streams.evt, DIR_STREAM: streams.dir, SHUTDOWN_GRACE_MS: '20000' };
    service = await startServiceProcess('stations', env, await freePort());
    await announceTestKey(NATS_URL, code);
    const token = await officerToken(code, { subject: 'sigterm-test', role: 'district_officer' });
    const registered = await fetch(`${service.base}/stations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        name: '荷花街道驿站', kind: 'station', tier: 'street', host: 'union_built', streetCode: '330802002',
        address: '荷花路1号', location: { lng: 118.88, lat: 28.95 }, hours: { open24h: true }, facilities: ['microwave'],
      }),
    });
    expect(registered.status).toBe(201);
    const { stationId } = (await registered.json()) as { stationId: string };

    const accepted = new Set<string>();
    const statuses = new Map<number, number>();
    let refused = 0;
    const client = async () => {
      for (;;) {
        const key = randomUUID();
        try {
          const response = await fetch(`${service!.base}/stations/${stationId}/checkins`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ key, occupation: 'rider' }),
          });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 201) accepted.add(key);
        } catch {
          refused++; // the server no longer takes connections: the client would try again later
          return;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, () => client());
    // A machine too slow for 300 check-ins in 30 s still stops the service and its clients, and fails on the count below.
    await eventually(() => accepted.size >= 300, { what: '300 check-ins accepted', timeoutMs: 30_000, everyMs: 10 }).catch(() => undefined);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => service!.child.once('exit', (exitCode, signal) => resolve({ code: exitCode, signal })));
    service.child.kill('SIGTERM');
    const exit = await exited;
    await Promise.all(clients);
    const output = service.output();
    service = undefined;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/stopped in \d+ ms/);
    expect(accepted.size).toBeGreaterThanOrEqual(300);
    expect(refused).toBe(CLIENTS);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);

    const pg = new Client({ connectionString: database.url });
    await pg.connect();
    try {
      expect(Number((await pg.query<{ n: string }>('select count(*) as n from outbox')).rows[0]!.n)).toBe(0);
    } finally {
      await pg.end();
    }
    const events = await nodeStreamEvents(nc, nodeRef(code), streams.evt, `stations.checkins.${stationId}.>`);
    const keys = events.flatMap((e) => (e.data as VisitsRecorded['data']).visits.map((v) => v.key));
    expect(keys.length).toBe(new Set(keys).size);
    expect(new Set(keys)).toEqual(accepted);
  }, 120_000);
});
