import { allKeysetPages, keysetPagePath, parentCode } from '@ws/contracts';
import { MembershipHarness, startMembership } from '../testing/membership-harness';
import { demoFederationId, loadMembershipDemo, SEED_PROFILES } from './load-membership-demo';

describe('membership demo data through the HTTP API', () => {
  let service: MembershipHarness;
  let baseUrl: string;

  beforeAll(async () => {
    service = await startMembership();
    baseUrl = service.base;
  });

  afterAll(async () => {
    await service?.close();
  });

  const total = (rows: Array<{ members: number }>) => rows.reduce((sum, r) => sum + r.members, 0);

  it('creates unions and members in proportion to a seed district, and a second run adds nothing', async () => {
    const factor = 0.02;
    const profile = SEED_PROFILES.wuxing;
    const options = { baseUrl, token: await service.officer(), nodeCode: service.config.node.code, factor, profile };
    const first = await loadMembershipDemo(options);
    // A fifth of the tree below the full-tree factor (0.1): streets, joint and enterprise unions, plus the federation.
    const expectedUnions = 1 + Math.round(7 * 0.2) + Math.round(profile.jointUnions * 0.2) + Math.round(profile.enterpriseUnions * 0.2);
    expect(first).toMatchObject({ unions: expectedUnions, applied: Math.round(profile.members * factor) });
    expect(first.approved + first.pending).toBe(first.applied);
    expect(first.pending).toBeGreaterThan(0);

    await service.settle();
    const stats = (await service.request('GET', '/members/stats?by=union')).json();
    expect(total(stats.rows)).toBe(first.approved);
    const unions = await allKeysetPages<{ kind: string }>(async (after) => (await service.request('GET', keysetPagePath('/unions', after))).json());
    expect(unions).toHaveLength(expectedUnions);
    expect(new Set(unions.map((u) => u.kind))).toEqual(new Set(['federation', 'street', 'joint', 'enterprise']));

    // The district's federation names the city's as its parent: the tree continues on the city node.
    const [root] = (await service.request('GET', '/unions/tree')).json();
    expect(root).toMatchObject({ unionId: demoFederationId(service.config.node.code), kind: 'federation', parentUnionId: demoFederationId(parentCode(service.config.node.code)!) });
    expect(root.membersInTree).toBe(first.approved);

    const second = await loadMembershipDemo(options);
    expect(second).toMatchObject({ unions: expectedUnions, applied: 0, approved: 0 });
    await service.settle();
    expect(total((await service.request('GET', '/members/stats?by=union')).json().rows)).toBe(first.approved);
    expect((await service.request('GET', '/stats')).json().figures.find((f: { key: string }) => f.key === 'pendingApplications').value).toBe(first.pending);
  });
});
