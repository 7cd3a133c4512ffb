import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@ws/testing/nats';
import { connect } from '@ws/testing/nats';
import { createTestDatabase, eventually, NATS_URL, testNodeCode, type TestDatabase } from '@ws/testing';
import { announceTestKey, officerToken } from '@ws/testing/officer-tokens';
import { freePort, startServiceProcess, type ServiceProcess } from '@ws/testing/service-process';

const CLIENTS = 24;

/**
 * SIGKILL the stations service in the middle of a check-in load, restart it, let clients retry
 * what got no answer (with the same idempotency keys, as a kiosk would): every accepted check-in
 * is in the read model exactly once.
 */
describe('stations: killed mid check-in load', () => {
  let database: TestDatabase;
  let service: ServiceProcess | undefined;
  let env: Record<string, string>;
  let port: number;
  const code = testNodeCode();

  beforeAll(async () => {
    database = await createTestDatabase('crash');
    port = await freePort();
    env = { NODE_CODE: code, PG_DATABASE: database.name, EVT_STREAM: `EVT_${code}`, DIR_STREAM: `DIR_${code}` };
  });

  afterAll(async () => {
    await service?.kill('SIGKILL');
    await database.drop();
    const nc = await connect({ servers: NATS_URL });
    const jsm = await jetstreamManager(nc);
    for (const name of [env['EVT_STREAM']!, env['DIR_STREAM']!]) await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  });

  it('keeps every accepted check-in exactly once across a kill -9', async () => {
    service = await startServiceProcess('stations', env, port);
    await announceTestKey(NATS_URL, code);
    const token = await officerToken(code, { subject: 'crash-test', role: 'district_officer' });
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
    const unanswered = new Set<string>();
    let stop = false;
    const client = async () => {
      while (!stop) {
        const key = randomUUID();
        try {
          const response = await fetch(`${service!.base}/stations/${stationId}/checkins`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ key, occupation: 'rider' }),
          });
          if (response.status === 201) accepted.add(key);
          else unanswered.add(key);
        } catch {
          unanswered.add(key); // connection cut by the kill: the client does not know
          return;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, () => client());
    // Kill once the load is well under way, however fast this machine is today; a machine too slow
    // for it still kills and stops its clients, and fails on the count below.
    await eventually(() => accepted.size >= 300, { what: '300 check-ins accepted', timeoutMs: 30_000, everyMs: 10 }).catch(() => undefined);
    await service.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    expect(accepted.size).toBeGreaterThanOrEqual(300);

    service = await startServiceProcess('stations', env, port);
    for (const key of unanswered) {
      const response = await fetch(`${service.base}/stations/${stationId}/checkins`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key, occupation: 'rider' }),
      });
      expect([201]).toContain(response.status); // accepted or duplicate: both answer 201
      accepted.add(key);
    }

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const visits = async () => {
      const response = await fetch(`${service!.base}/visits?from=${today}&to=${today}&by=station&stationId=${stationId}`);
      return ((await response.json()) as { total: number }).total;
    };
    await eventually(async () => (await visits()) >= accepted.size, { what: `${accepted.size} visits counted`, everyMs: 200 });
    // Nothing more may come: a double count would show up within this second as a total above the accepted keys.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await visits()).toBe(accepted.size);
    // Start, load, a restart and the 30-second wait for the visits add up past jest's default minute on a loaded machine.
  }, 120_000);
});
