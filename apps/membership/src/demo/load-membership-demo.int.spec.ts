import { MembershipTestApp, startMembership } from '../testing/membership-test-app';
import { loadMembershipDemo } from './load-membership-demo';

describe('membership demo data through the HTTP API', () => {
  let service: MembershipTestApp;
  let baseUrl: string;

  beforeAll(async () => {
    service = await startMembership();
    await service.app.listen(0, '127.0.0.1');
    const address = service.app.getHttpServer().address();
    if (address === null || typeof address === 'string') throw new Error('not listening on a TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await service?.close();
  });

  it('creates unions and members in proportion to the seeds, and a second run adds nothing', async () => {
    const options = { baseUrl, token: await service.officer(), nodeCode: service.config.node.code, factor: 0.02 };
    const first = await loadMembershipDemo(options);
    expect(first).toMatchObject({ unions: 4, applied: 174 });
    expect(first.approved + first.pending).toBe(174);
    expect(first.pending).toBeGreaterThan(0);

    await service.catchUp();
    const stats = (await service.request('GET', '/members/stats?by=union')).json();
    expect(stats.rows.reduce((sum: number, r: { members: number }) => sum + r.members, 0)).toBe(first.approved);
    expect(stats.rows.length).toBe(3);

    const second = await loadMembershipDemo(options);
    expect(second).toMatchObject({ unions: 4, applied: 0, approved: 0 });
  });
});
