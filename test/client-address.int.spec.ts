import { nodeRef } from '@ws/contracts';
import { NATS_URL } from '@ws/testing';
import { type MembershipHarness, startMembership } from '../apps/membership/src/testing/membership-harness';
import { RunningDashboard, startDashboard, testDashboardConfig } from '../apps/dashboard/testing/dashboard-app';

const LOOKUPS_PER_MINUTE = 2;

/**
 * A reverse proxy → the node's web front → a service: the service's rate limit keys on the rider
 * the reverse proxy names, not on the front's address (every request reaches the service from
 * it) — and a client that names itself to the front without a trusted proxy is not believed.
 */
describe('rate limits behind the node web front (a real membership service)', () => {
  let service: MembershipHarness;
  let trusting: RunningDashboard;
  let direct: RunningDashboard;

  beforeAll(async () => {
    service = await startMembership({ lookupPerMinute: LOOKUPS_PER_MINUTE });
    const config = { node: nodeRef(service.config.node.code), natsUrl: NATS_URL, evtStream: 'NO_SUCH_STREAM', upstreams: { membership: service.base } };
    // Behind a reverse proxy on this host (TRUSTED_PROXIES=loopback), and exposed directly (none).
    trusting = await startDashboard(testDashboardConfig({ ...config, trustedProxies: ['loopback'] }));
    direct = await startDashboard(testDashboardConfig(config));
  });

  afterAll(async () => {
    await trusting?.close();
    await direct?.close();
    await service?.close();
  });

  const lookup = (front: RunningDashboard, client: string, i: number) =>
    fetch(`${front.url}/api/membership/applications/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ number: `RH000000AAAAAAAAA${i}`, mobile: `1380000${String(i).padStart(4, '0')}` }),
    }).then((r) => r.status);

  it('keys on each rider the trusted proxy names: one rider used up, another not', async () => {
    const first: number[] = [];
    for (let i = 0; i < LOOKUPS_PER_MINUTE + 1; i++) first.push(await lookup(trusting, '203.0.113.7', i));
    expect(first).toEqual([...Array(LOOKUPS_PER_MINUTE).fill(404), 429]);
    expect(await lookup(trusting, '203.0.113.8', 10)).toBe(404);
  });

  it('does not believe a client naming itself to a front that trusts no proxy', async () => {
    // Every such request is the front's own peer (127.0.0.1 here) to the service: one budget for all of them.
    const statuses: number[] = [];
    for (let i = 0; i < LOOKUPS_PER_MINUTE + 1; i++) statuses.push(await lookup(direct, `198.51.100.${i}`, 20 + i));
    expect(statuses).toEqual([...Array(LOOKUPS_PER_MINUTE).fill(404), 429]);
  });
});
