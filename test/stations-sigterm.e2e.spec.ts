import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { VisitsRecorded } from '@ws/contracts';
import { eventually } from '@ws/testing';
import { ProcessNode } from '@ws/testing/process-federation';
import { registerStation } from './registered-station';

const CLIENTS = 24;

/**
 * SIGTERM to the stations service in the middle of a check-in load: it stops taking
 * connections, answers what it received (no 5xx), commits those check-ins, publishes its
 * outbox and exits 0 within its grace period. Every accepted check-in is on the bus exactly
 * once without a restart, and the outbox is empty.
 */
describe('stations: SIGTERM under a check-in load (built dist, real Postgres and NATS)', () => {
  // The grace period under ProcessNode's 10 s before it kills a service that does not stop: a
  // stop that outlasts it is the service's own exit 1, which this test fails on.
  const node = new ProcessNode<'stations'>({ env: { stations: { SHUTDOWN_GRACE_MS: '8000' } } });

  afterAll(() => node.close());

  it('drains and exits 0: answered requests are 2xx, accepted check-ins all on the bus once, the outbox empty', async () => {
    await node.start('stations');
    const stationId = await registerStation(node.url('stations'), await node.token('district_officer', { subject: 'sigterm-test' }));

    const accepted = new Set<string>();
    const statuses = new Map<number, number>();
    let refused = 0;
    const client = async () => {
      for (;;) {
        const key = randomUUID();
        try {
          const { status } = await node.http('stations', 'POST', `/stations/${stationId}/checkins`, { body: { key, occupation: 'rider' } });
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 201) accepted.add(key);
        } catch {
          refused++; // the server no longer takes connections: the client would try again later
          return;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, () => client());
    // A machine too slow for 300 check-ins in 30 s still stops the service and its clients, and fails on the count below.
    await eventually(() => accepted.size >= 300, { what: '300 check-ins accepted', timeoutMs: 30_000, everyMs: 10 }).catch(() => undefined);
    const exit = await node.stop('stations');
    await Promise.all(clients);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(node.logs('stations')).toMatch(/stopped in \d+ ms/);
    expect(accepted.size).toBeGreaterThanOrEqual(300);
    expect(refused).toBe(CLIENTS);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);

    const pg = new Client({ connectionString: node.databaseUrl('stations') });
    await pg.connect();
    try {
      expect(Number((await pg.query<{ n: string }>('select count(*) as n from outbox')).rows[0]!.n)).toBe(0);
    } finally {
      await pg.end();
    }
    const events = await node.streamEvents(`stations.checkins.${stationId}.>`);
    const keys = events.flatMap((e) => (e.data as VisitsRecorded['data']).visits.map((v) => v.key));
    expect(keys.length).toBe(new Set(keys).size);
    expect(new Set(keys)).toEqual(accepted);
  }, 120_000);
});
