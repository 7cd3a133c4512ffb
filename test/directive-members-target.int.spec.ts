import { Kysely, sql } from 'kysely';
import { connect, type NatsConnection } from '@ws/testing/nats';
import { MEMBERSHIP_AGGREGATES, MEMBERSHIP_CONTEXT, shanghaiToday, shanghaiYear } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { natsConnectOptions } from '@ws/messaging';
import { DB } from '@ws/platform';
import { type FederatedNode, publishForeignEvent, ServiceFederation } from '@ws/testing/federation';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { eventually } from '@ws/testing';
import { MembershipModule } from '../apps/membership/src/membership.module';
import { StationsModule } from '../apps/stations/src/stations.module';

/**
 * A city and two districts, each with its own nats-server and stations service, and the city's
 * membership service: members who join in a district federate upward (EVT sourced by the city),
 * the city's membership counts them per district, and the city's members target (新增会员) measures
 * its progress per district from those counts. Without membership the target says so.
 */
describe('members target: the city measures new members per district from federated membership events (real nats-servers)', () => {
  const federation = new ServiceFederation({ service: 'stations', module: (config) => StationsModule.forRoot({ config }), districts: ['west', 'east'] });
  let city: FederatedNode;
  let west: FederatedNode;
  let east: FederatedNode;
  let membership: ServiceHarness | undefined;
  const connections = new Map<string, NatsConnection>();
  const deadline = `${shanghaiYear(new Date()) + 1}-06-30`;

  beforeAll(async () => {
    ({ city, districts: { west, east } } = await federation.start());
    membership = await startService('membership', (config) =>
      MembershipModule.forRoot({ config: { ...config, node: city.ref, natsUrl: city.nats.url, streams: { evt: 'EVT', dir: 'DIR' } } }),
    );
    for (const district of [west, east]) connections.set(district.ref.code, await connect(natsConnectOptions(district.nats.url)));
  }, 180_000);

  afterAll(async () => {
    for (const nc of connections.values()) await nc.close();
    await membership?.close().catch(() => undefined);
    await federation.close();
  });

  /** A member activated at the district (as its membership's outbox would publish it): no name, occupation and street only. */
  async function join(district: FederatedNode, occupation: string): Promise<void> {
    const membershipId = newId();
    await publishForeignEvent(connections.get(district.ref.code)!, {
      node: district.ref,
      context: MEMBERSHIP_CONTEXT,
      aggregate: MEMBERSHIP_AGGREGATES.membership,
      aggregateId: membershipId,
      type: 'MembershipActivated',
      data: {
        membershipId, personId: newId(), unionId: newId(), cardNumber: `C${membershipId.slice(-8)}`, occupation,
        streetCode: `${district.ref.code}001`, applicationId: newId(), transferId: null,
      },
    });
  }

  /** Waits until the city's membership read model holds `count` members. */
  async function membersAtCity(count: number): Promise<void> {
    const db = membership!.app.get<Kysely<any>>(DB);
    await eventually(async () => {
      await membership!.settle();
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from members`.execute(db);
      return rows[0]!.n === count;
    }, { what: `${count} members at the city's membership`, timeoutMs: 60_000 });
  }

  const cityDirective = async (id: string) => (await city.request('GET', `/directives/${id}`)).body;
  const childOf = (view: { children: Array<{ code: string; current: number }> }, node: FederatedNode) => view.children.find((c) => c.code === node.ref.code);

  let wholeId: string;
  let westOnlyId: string;

  it('issues a members target to the subtree and to one district, titled from its goal', async () => {
    const whole = await city.request('POST', '/directives', { kind: 'members_target', members: 4, deadline });
    expect(whole).toMatchObject({ status: 201, body: { events: ['DirectiveIssued'] } });
    expect(whole.body.title).toMatch(/新增会员≥4人$/);
    wholeId = whole.body.directiveId;
    const westOnly = await city.request('POST', '/directives', { kind: 'members_target', members: 2, deadline, children: [west.ref.code], since: shanghaiToday(new Date()) });
    expect(westOnly.status).toBe(201);
    westOnlyId = westOnly.body.directiveId;
    const issued = await eventually(async () => {
      const body = await cityDirective(wholeId);
      return body.kind === 'members_target' ? body : undefined;
    }, { what: 'the members target in the city\'s read model', timeoutMs: 30_000 });
    expect(issued).toMatchObject({ target: 4, current: 0, progress: 0, status: 'open' });
    expect(issued.unavailable).toBeUndefined();
    const labels = (await city.request('GET', '/labels')).body;
    expect(labels.directiveKinds).toContainEqual({ code: 'members_target', label: '新增会员目标' });
  });

  it('measures the members who joined in each district, as the city\'s membership counts them', async () => {
    await join(west, 'rider');
    await join(west, 'sanitation');
    await join(east, 'courier');
    await membersAtCity(3);

    const view = await eventually(async () => {
      const body = await cityDirective(wholeId);
      return body.current === 3 ? body : undefined;
    }, { what: 'three new members in the city\'s members target', timeoutMs: 60_000 });
    expect(view).toMatchObject({ target: 4, current: 3, progress: 0.75, status: 'open' });
    expect(view.unavailable).toBeUndefined();
    expect(childOf(view, west)).toMatchObject({ current: 2 });
    expect(childOf(view, east)).toMatchObject({ current: 1 });

    // Addressed to the west only: the east's member is not its.
    const westOnly = await cityDirective(westOnlyId);
    expect(westOnly).toMatchObject({ target: 2, current: 2, progress: 1, status: 'met', addressedTo: [west.ref.code] });
    expect(westOnly.children.map((c: { code: string }) => c.code)).toEqual([west.ref.code]);

    // One more in the east meets the whole target; the list shows the same progress as the detail.
    await join(east, 'ride_hail_driver');
    await membersAtCity(4);
    const met = await eventually(async () => {
      const body = await cityDirective(wholeId);
      return body.status === 'met' ? body : undefined;
    }, { what: 'the members target met', timeoutMs: 60_000 });
    expect(met).toMatchObject({ current: 4, progress: 1 });
    expect(childOf(met, east)).toMatchObject({ current: 2 });
    const listed = (await city.request('GET', '/directives')).body.items.find((d: { id: string }) => d.id === wholeId);
    expect(listed).toMatchObject({ current: 4, progress: 1, status: 'met' });
  }, 150_000);

  it('refuses a members target without a number, with a bad one, or with another kind\'s field', async () => {
    const expectProblem = async (body: object, field: string) => {
      const answer = await city.request('POST', '/directives', { deadline, ...body });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ type: 'urn:waystation:error:validation_failed', code: 'validation_failed', field, detail: expect.any(String) });
    };
    await expectProblem({ kind: 'members_target' }, 'members');
    await expectProblem({ kind: 'members_target', members: 0 }, 'members');
    await expectProblem({ kind: 'members_target', members: 10, people: 10 }, 'people');
    await expectProblem({ kind: 'reach_target', people: 10, members: 10 }, 'members');
  });

  it('says the figures are missing when membership does not answer, rather than show a zero', async () => {
    await membership!.close();
    membership = undefined;
    const view = await cityDirective(wholeId);
    expect(view).toMatchObject({ current: 0, unavailable: ['membership'] });
    // Targets on what stations count do not depend on membership.
    const other = await city.request('POST', '/directives', { kind: 'activity_target', activities: 3, deadline });
    expect((await cityDirective(other.body.directiveId)).unavailable).toBeUndefined();
  }, 60_000);
});
