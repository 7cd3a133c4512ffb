import { shanghaiToday, shanghaiYear } from '@ws/contracts';
import { type FederatedNode, ServiceFederation } from '@ws/testing/federation';
import { eventually } from '@ws/testing';
import { StationsModule } from '../stations.module';

/**
 * A city and two districts, each with its own nats-server, database and stations service: the
 * city sets targets on activities, people reached, health checks (with the 20 % rule), another
 * programme (爱心托班) and the coverage share, and measures each, per district, from what its districts record (and, for
 * coverage, its own worker-density map).
 */
describe('directive targets on what districts do: city measures activities, health checks and coverage (real nats-servers)', () => {
  const federation = new ServiceFederation({ service: 'stations', module: (config) => StationsModule.forRoot({ config }), districts: ['west', 'east'] });
  let city: FederatedNode;
  let west: FederatedNode;
  let east: FederatedNode;
  const today = shanghaiToday(new Date());
  const deadline = `${shanghaiYear(new Date()) + 1}-06-30`;

  beforeAll(async () => {
    ({ city, districts: { west, east } } = await federation.start());
  }, 120_000);

  afterAll(() => federation.close());

  // Test node codes are synthetic (hex): a real street of 衢州 stands in for each district's.
  const streetOf = (node: FederatedNode) => (node === west ? '330802001' : '330803001');
  const cityDirective = async (id: string) => (await city.request('GET', `/directives/${id}`)).body;
  const childOf = (view: { children: Array<{ code: string }> }, node: FederatedNode) => view.children.find((c) => c.code === node.ref.code);

  async function hold(node: FederatedNode, participants: number, newFormParticipants: number): Promise<void> {
    const planned = await node.request('POST', '/activities', { stationId: null, streetCode: streetOf(node), kind: 'health_clinic', title: '义诊进驿站', organiser: '区总工会', plannedOn: today });
    expect(planned).toMatchObject({ status: 201 });
    expect((await node.request('POST', `/activities/${planned.body.activityId}/held`, { heldOn: today, participants, newFormParticipants })).status).toBe(200);
  }

  async function checkUp(node: FederatedNode, people: number, newFormPeople: number): Promise<void> {
    const launched = await node.request('POST', '/programmes', {
      kind: 'health_check', title: '户外劳动者免费健康体检', target: 1000, startsOn: today, endsOn: deadline,
    });
    expect(launched.status).toBe(201);
    const delivered = await node.request('POST', `/programmes/${launched.body.programmeId}/deliveries`, { streetCode: streetOf(node), deliveredOn: today, people, newFormPeople });
    expect(delivered).toMatchObject({ status: 201 });
  }

  let activitiesId: string;
  let reachId: string;
  let healthId: string;
  let laterId: string;

  it('issues activity, reach and health-check targets to the subtree, titled from their goals', async () => {
    const activities = await city.request('POST', '/directives', { kind: 'activity_target', activities: 4, deadline });
    expect(activities).toMatchObject({ status: 201, body: { events: ['DirectiveIssued'] } });
    expect(activities.body.title).toMatch(/开展服务活动≥4场次$/);
    activitiesId = activities.body.directiveId;
    reachId = (await city.request('POST', '/directives', { kind: 'reach_target', people: 500, deadline, children: [west.ref.code] })).body.directiveId;
    const health = await city.request('POST', '/directives', { kind: 'health_check_target', people: 400, minNewFormSharePercent: 20, deadline });
    expect(health.status).toBe(201);
    expect(health.body.title).toMatch(/健康体检≥400人次，新就业形态劳动者不少于20%$/);
    healthId = health.body.directiveId;
    // Counted from tomorrow: today's activities are not part of it.
    const tomorrow = shanghaiToday(new Date(Date.now() + 86_400_000));
    laterId = (await city.request('POST', '/directives', { kind: 'activity_target', activities: 4, since: tomorrow, deadline })).body.directiveId;
    await city.service.settle();

    expect(await cityDirective(activitiesId)).toMatchObject({ kind: 'activity_target', target: 4, current: 0, progress: 0, status: 'open' });
    expect(await cityDirective(healthId)).toMatchObject({ target: 400, current: 0, progress: 0, rule: { minNewFormSharePercent: 20, newFormPeople: 0, met: true } });
  }, 60_000);

  it("moves the city's progress, per district, as the districts hold activities", async () => {
    await hold(west, 200, 150);
    await hold(west, 60, 45);
    await hold(east, 400, 100);
    // Planned but not held: not counted.
    expect((await east.request('POST', '/activities', { stationId: null, streetCode: streetOf(east), kind: 'party_lecture', title: '微党课', organiser: '街道工会', plannedOn: today })).status).toBe(201);
    await west.service.settle();
    await east.service.settle();

    await eventually(async () => {
      await city.service.settle();
      return (await cityDirective(activitiesId)).current === 3;
    }, { what: 'the city counts the three activities held in its districts' });

    const activities = await cityDirective(activitiesId);
    expect(activities).toMatchObject({ target: 4, current: 3, progress: 0.75, status: 'open' });
    expect(childOf(activities, west)).toMatchObject({ current: 2 });
    expect(childOf(activities, east)).toMatchObject({ current: 1 });
    expect(childOf(activities, west)).not.toHaveProperty('target');

    // The reach target names the west district only: the east's 400 people do not count.
    const reach = await cityDirective(reachId);
    expect(reach).toMatchObject({ scope: 'children', addressedTo: [west.ref.code], target: 500, current: 260, progress: 0.52 });
    expect(reach.children).toEqual([expect.objectContaining({ code: west.ref.code, current: 260 })]);

    await hold(east, 30, 0);
    await east.service.settle();
    await eventually(async () => {
      await city.service.settle();
      return (await cityDirective(activitiesId)).status === 'met';
    }, { what: 'the fourth activity meets the target' });
    expect(await cityDirective(activitiesId)).toMatchObject({ current: 4, progress: 1 });
    expect(await cityDirective(laterId)).toMatchObject({ goal: { since: expect.any(String) }, current: 0, progress: 0, status: 'open' });
  }, 120_000);

  it('holds the health-check target back until new-form workers are 20 % of those checked', async () => {
    await checkUp(west, 300, 20);
    await checkUp(east, 100, 40);
    await west.service.settle();
    await east.service.settle();
    await eventually(async () => {
      await city.service.settle();
      return (await cityDirective(healthId)).current === 400;
    }, { what: 'the city counts the health checks of its districts' });

    // 400 checked as asked, but 60 new-form workers of the 80 the rule needs.
    const health = await cityDirective(healthId);
    expect(health).toMatchObject({ target: 400, current: 400, progress: 0.75, status: 'open', rule: { newFormPeople: 60, newFormSharePercent: 15, met: false } });
    expect(childOf(health, west)).toMatchObject({ current: 300, rule: { newFormPeople: 20, newFormSharePercent: 6, met: false } });
    expect(childOf(health, east)).toMatchObject({ current: 100, rule: { newFormPeople: 40, newFormSharePercent: 40, met: true } });
  }, 120_000);

  it('answers bad targets with problem+json naming the field', async () => {
    const issue = (body: Record<string, unknown>) => city.request('POST', '/directives', { deadline, ...body });
    const expectProblem = async (body: Record<string, unknown>, status: number, code: string, field: string) => {
      const response = await issue(body);
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ type: `urn:waystation:error:${code}`, code, field, detail: expect.any(String) });
    };
    await expectProblem({ kind: 'activity_target', activities: -5 }, 400, 'validation_failed', 'activities');
    await expectProblem({ kind: 'activity_target' }, 400, 'validation_failed', 'activities');
    await expectProblem({ kind: 'reach_target', people: -1 }, 400, 'validation_failed', 'people');
    await expectProblem({ kind: 'reach_target', people: 10, activities: 3 }, 400, 'validation_failed', 'activities');
    await expectProblem({ kind: 'visits_target' }, 400, 'validation_failed', 'kind');
    await expectProblem({ kind: 'health_check_target', people: 1000, minNewFormSharePercent: 120 }, 422, 'invalid_quota_rule', 'minNewFormSharePercent');
    await expectProblem({ kind: 'health_check_target', people: 1000, minNewFormSharePercent: -20 }, 422, 'invalid_quota_rule', 'minNewFormSharePercent');
    await expectProblem({ kind: 'activity_target', activities: 30, minNewFormSharePercent: 20 }, 400, 'validation_failed', 'minNewFormSharePercent');
    await expectProblem({ kind: 'activity_target', activities: 30, since: '2000-01-01' }, 422, 'invalid_target', 'since');
    await expectProblem({ kind: 'station_target', stations: 30, since: today }, 400, 'validation_failed', 'since');
    // Nothing of that reached the list.
    expect((await city.request('GET', '/directives')).body.items).toHaveLength(4);
  }, 60_000);

  it('sets a target on another programme (爱心托班) and measures it per district like health checks; a health-check target reads as before', async () => {
    const childcare = await city.request('POST', '/directives', { kind: 'programme_target', programme: 'summer_childcare', people: 500, deadline });
    expect(childcare).toMatchObject({ status: 201, body: { events: ['DirectiveIssued'] } });
    expect(childcare.body.title).toMatch(/爱心托班≥500人次$/);
    const checks = await city.request('POST', '/directives', { kind: 'programme_target', programme: 'health_check', people: 400, minNewFormSharePercent: 20, deadline });
    expect(checks.status).toBe(201);
    const launched = await east.request('POST', '/programmes', { kind: 'summer_childcare', title: '暑期爱心托班', target: 8000, places: 200, startsOn: today, endsOn: deadline });
    expect(launched.status).toBe(201);
    expect((await east.request('POST', `/programmes/${launched.body.programmeId}/deliveries`, { streetCode: streetOf(east), deliveredOn: today, people: 200, newFormPeople: 0, places: 4 })).status).toBe(201);
    await east.service.settle();
    // A test district is a child the city knows from its receipt: west's row shows once its receipt is up.
    await eventually(async () => {
      await city.service.settle();
      const shown = await cityDirective(childcare.body.directiveId);
      return shown.current === 200 && childOf(shown, west) !== undefined;
    }, { what: "the city counts the east district's 爱心托班 and has the west district's receipt" });

    const view = await cityDirective(childcare.body.directiveId);
    expect(view).toMatchObject({ kind: 'programme_target', goal: { programme: 'summer_childcare', people: 500, minNewFormSharePercent: 0 }, target: 500, current: 200, progress: 0.4, status: 'open' });
    expect(childOf(view, east)).toMatchObject({ current: 200 });
    expect(childOf(view, west)).toMatchObject({ current: 0 });
    // The same goal as the old kind: the same figures (the health checks above were delivered today).
    const { current, progress, rule } = await cityDirective(healthId);
    expect(await cityDirective(checks.body.directiveId)).toMatchObject({ kind: 'programme_target', current, progress, rule });
    expect(await cityDirective(healthId)).toMatchObject({ kind: 'health_check_target', current: 400 });

    const refused = (body: Record<string, unknown>) => city.request('POST', '/directives', { deadline, ...body });
    expect(await refused({ kind: 'programme_target', people: 500 })).toMatchObject({ status: 400, body: { code: 'validation_failed', field: 'programme' } });
    expect(await refused({ kind: 'programme_target', programme: 'yoga', people: 500 })).toMatchObject({ status: 400, body: { code: 'validation_failed', field: 'programme' } });
    expect(await refused({ kind: 'reach_target', programme: 'health_check', people: 500 })).toMatchObject({ status: 400, body: { code: 'validation_failed', field: 'programme' } });
    expect(await refused({ kind: 'programme_target', programme: 'skills_training', people: 500, minNewFormSharePercent: 101 })).toMatchObject({
      status: 422, body: { code: 'invalid_quota_rule', field: 'minNewFormSharePercent' },
    });
  }, 120_000);

  it("measures a coverage target per district by the city's coverage drill-down, and moves it as a district opens a station", async () => {
    const station = (node: FederatedNode, name: string, lng: number, lat: number) =>
      node.request('POST', '/stations', {
        name, kind: 'station', tier: 'community', host: 'community_centre', streetCode: streetOf(node), communityCode: null,
        address: `${name}路1号`, location: { lng, lat }, hours: { open24h: true }, seats: 8, facilities: ['toilet'],
      });
    expect((await station(west, '西区驿站', 118.873, 28.936)).status).toBe(201);
    expect((await station(east, '东区驿站', 119.073, 28.936)).status).toBe(201);
    // The city's worker-density map: 100 workers 1 km from the west station, 50 some 5 km from it
    // (out of the 15-minute e-bike circle's 2.9 km), 200 beside the east station, 10 far from any.
    const csv = 'lat,lng,count\n28.946,118.873,100\n28.981,118.873,50\n28.940,119.073,200\n30.500,120.500,10';
    expect((await city.request('POST', '/coverage/cells', { csv })).body).toMatchObject({ workers: 360, errors: [] });
    await west.service.settle();
    await east.service.settle();
    const drillDown = async () => {
      await city.service.settle();
      const rows = (await city.request('GET', '/coverage/children')).body.rows as Array<{ child: string; stations: number; totalWorkers: number; coveredWorkers: number }>;
      return Object.fromEntries(rows.map((r) => [r.child, r]));
    };
    await eventually(async () => (await drillDown())[west.ref.code]?.coveredWorkers === 100 && (await drillDown())[east.ref.code]?.coveredWorkers === 200, {
      what: "the city's drill-down places and covers both districts' workers",
    });

    const issued = await city.request('POST', '/directives', { kind: 'coverage_target', sharePercent: 90, deadline });
    expect(issued).toMatchObject({ status: 201, body: { events: ['DirectiveIssued'] } });
    expect(issued.body.title).toMatch(/15分钟服务圈覆盖率≥90%$/);
    const westOnly = (await city.request('POST', '/directives', { kind: 'coverage_target', sharePercent: 60, deadline, children: [west.ref.code] })).body.directiveId as string;
    await city.service.settle();

    // 300 of the 360 workers on the map (the 10 unplaced ones count in the subtree's total): 83 %.
    const subtree = await cityDirective(issued.body.directiveId);
    expect(subtree).toMatchObject({ kind: 'coverage_target', target: 90, current: 83, progress: 0.9259, status: 'open', coverage: { workers: 360, coveredWorkers: 300 } });
    const rows = await drillDown();
    for (const node of [west, east]) {
      const row = rows[node.ref.code]!;
      expect(childOf(subtree, node)).toMatchObject({ current: Math.floor((row.coveredWorkers * 100) / row.totalWorkers), target: 90, coverage: { workers: row.totalWorkers, coveredWorkers: row.coveredWorkers } });
    }
    expect(childOf(subtree, west)).toMatchObject({ current: 66, coverage: { workers: 150, coveredWorkers: 100 } });
    expect(childOf(subtree, east)).toMatchObject({ current: 100, coverage: { workers: 200, coveredWorkers: 200 } });
    // Named to the west alone: its 100 of 150 (66 %) meet 60 %; the east's and the unplaced workers are not its business.
    expect(await cityDirective(westOnly)).toMatchObject({ target: 60, current: 66, progress: 1, status: 'met', coverage: { workers: 150, coveredWorkers: 100 } });

    // A station beside the 50 uncovered workers brings the west to 100 % and the subtree to 350 of 360.
    expect((await station(west, '西区二号驿站', 118.873, 28.981)).status).toBe(201);
    await west.service.settle();
    await eventually(async () => {
      await city.service.settle();
      return (await cityDirective(issued.body.directiveId)).status === 'met';
    }, { what: 'the new station meets the coverage target' });
    expect(await cityDirective(issued.body.directiveId)).toMatchObject({ current: 97, progress: 1, coverage: { workers: 360, coveredWorkers: 350 } });
    expect(childOf(await cityDirective(issued.body.directiveId), west)).toMatchObject({ current: 100, coverage: { workers: 150, coveredWorkers: 150 } });

    // A share that is no share: problem+json naming the field.
    for (const sharePercent of [0, 101]) {
      const refused = await city.request('POST', '/directives', { kind: 'coverage_target', sharePercent, deadline });
      expect(refused).toMatchObject({ status: 422, body: { code: 'invalid_target', field: 'sharePercent' } });
    }
    expect(await city.request('POST', '/directives', { kind: 'coverage_target', deadline })).toMatchObject({ status: 400, body: { code: 'validation_failed', field: 'sharePercent' } });
    expect(await city.request('POST', '/directives', { kind: 'activity_target', activities: 3, sharePercent: 90, deadline })).toMatchObject({ status: 400, body: { code: 'validation_failed', field: 'sharePercent' } });
  }, 180_000);
});
