import { shanghaiToday } from '@ws/contracts';
import { type FederatedNode, ServiceFederation } from '@ws/testing/federation';
import { eventually } from '@ws/testing';
import { StationsModule } from '../stations.module';

/**
 * A city and two districts, each with its own nats-server, database and stations service: the
 * districts record their activities and welfare handed out, and the city's figures are exactly
 * their sum, per district.
 */
describe('activities and welfare: districts → city sums (real nats-servers)', () => {
  const federation = new ServiceFederation({ service: 'stations', module: (config) => StationsModule.forRoot({ config }), districts: ['west', 'east'] });
  let city: FederatedNode;
  let west: FederatedNode;
  let east: FederatedNode;
  const today = shanghaiToday(new Date());
  const figuresAt = async (node: FederatedNode, by = 'district') => (await node.request('GET', `/activities/figures?from=${today}&to=${today}&by=${by}`)).body;

  beforeAll(async () => {
    ({ city, districts: { west, east } } = await federation.start());
  }, 120_000);

  afterAll(() => federation.close());

  async function held(node: FederatedNode, streetCode: string, kind: string, participants: number, newFormParticipants: number): Promise<void> {
    const planned = await node.request('POST', '/activities', { stationId: null, streetCode, kind, title: `${kind} 活动`, organiser: '区总工会', plannedOn: today });
    expect(planned.status).toBe(201);
    expect((await node.request('POST', `/activities/${planned.body.activityId}/held`, { heldOn: today, participants, newFormParticipants })).status).toBe(200);
  }

  it('sums the districts’ activities held and people reached at the city, exactly and per district', async () => {
    await held(west, '330802001', 'health_clinic', 60, 45);
    await held(west, '330802002', 'seasonal_theme', 200, 150);
    await held(east, '330803001', 'job_fair', 400, 100);
    // Planned but not yet held: not counted anywhere.
    expect((await east.request('POST', '/activities', { stationId: null, streetCode: '330803001', kind: 'party_lecture', title: '微党课', organiser: '街道工会', plannedOn: today })).status).toBe(201);
    await west.service.settle();
    await east.service.settle();

    await eventually(async () => {
      await city.service.settle();
      return (await figuresAt(city)).held === 3;
    }, { what: 'the city sees the three activities held in its districts' });

    const atCity = await figuresAt(city);
    expect(atCity).toMatchObject({ held: 3, participants: 660, newFormParticipants: 295 });
    expect(atCity.rows).toEqual(
      expect.arrayContaining([
        { key: west.ref.code, held: 2, participants: 260, newFormParticipants: 195 },
        { key: east.ref.code, held: 1, participants: 400, newFormParticipants: 100 },
      ]),
    );
    // Each district sees its own only, and the city's sum is theirs.
    const [atWest, atEast] = [await figuresAt(west), await figuresAt(east)];
    expect(atWest).toMatchObject({ held: 2, participants: 260, newFormParticipants: 195 });
    expect(atEast).toMatchObject({ held: 1, participants: 400, newFormParticipants: 100 });
    expect(atWest.participants + atEast.participants).toBe(atCity.participants);
    // The city filters one district, and lists the planned one too.
    expect(await figuresAt(city, `kind&districtCode=${east.ref.code}`)).toMatchObject({ held: 1, rows: [{ key: 'job_fair', label: '招聘会' }] });
    const planned = (await city.request('GET', `/activities?status=planned&districtCode=${east.ref.code}`)).body.items;
    expect(planned.map((a: { kind: string }) => a.kind)).toEqual(['party_lecture']);
  }, 120_000);

  it('sums the districts’ welfare handed out at the city, exactly and per district', async () => {
    const handOut = (node: FederatedNode, streetCode: string, kind: string, quantity: number, peopleReached: number, costFen: number) =>
      node.request('POST', '/welfare/handouts', { streetCode, occasion: 'summer_cool', kind, quantity, peopleReached, newFormPeople: 0, costFen, fromStock: false, handedOn: today });
    const welfareAt = async (node: FederatedNode) => (await node.request('GET', `/welfare/figures?from=${today}&to=${today}&by=district`)).body;
    expect((await handOut(west, '330802001', 'cool_pack', 300, 300, 1_500_000)).status).toBe(201);
    expect((await handOut(west, '330802002', 'drink', 500, 250, 50_000)).status).toBe(201);
    expect((await handOut(east, '330803001', 'battery_swap_pack', 100, 100, 2_000_000)).status).toBe(201);
    // Stock that is not there is refused at the district and never reaches the city.
    expect((await east.request('POST', '/welfare/handouts', { streetCode: '330803001', occasion: 'summer_cool', kind: 'cool_pack', quantity: 1, peopleReached: 1, costFen: 0, handedOn: today })).body.code).toBe('welfare_stock_insufficient');
    await west.service.settle();
    await east.service.settle();

    await eventually(async () => {
      await city.service.settle();
      return (await welfareAt(city)).handouts === 3;
    }, { what: 'the city sees the three handouts of its districts' });
    const [atCity, atWest, atEast] = [await welfareAt(city), await welfareAt(west), await welfareAt(east)];
    expect(atCity).toMatchObject({ handouts: 3, quantity: 900, peopleReached: 650, costFen: 3_550_000 });
    expect(atCity.rows).toEqual(
      expect.arrayContaining([
        { key: west.ref.code, handouts: 2, quantity: 800, peopleReached: 550, newFormPeople: 0, membersReached: 0, costFen: 1_550_000 },
        { key: east.ref.code, handouts: 1, quantity: 100, peopleReached: 100, newFormPeople: 0, membersReached: 0, costFen: 2_000_000 },
      ]),
    );
    expect(atWest.costFen + atEast.costFen).toBe(atCity.costFen);
    expect(atWest.peopleReached + atEast.peopleReached).toBe(atCity.peopleReached);
  }, 120_000);
});
