import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { shanghaiToday } from '@ws/contracts';
import { type FederatedNode, ServiceFederation } from '@ws/testing/federation';
import { eventually } from '@ws/testing';
import { multipartBody } from '@ws/testing/photos';
import { Photos } from '@ws/uploads';
import { StationsModule } from '../stations.module';

/**
 * A city and two districts, each with its own nats-server, database and stations service: the
 * districts record their activities and welfare handed out, and the city's figures are exactly
 * their sum, per district. An activity's photo stays at the district that recorded it: the city
 * reads the activity with the photo's reference and no link.
 */
describe('activities and welfare: districts → city sums (real nats-servers)', () => {
  // Each node's photos in a folder of its own, as each node has its own volume.
  const photoRoot = mkdtempSync(join(tmpdir(), 'ws-activities-federation-photos-'));
  const uploads = (database: string) => ({ store: { kind: 'local' as const, dir: join(photoRoot, database) }, maxBytes: 2 * 1024 * 1024, urlSecret: `activities-federation-photos-${database}-0123456789` });
  const federation = new ServiceFederation({ service: 'stations', module: (config) => StationsModule.forRoot({ config, uploads: uploads(config.database) }), districts: ['west', 'east'] });
  let city: FederatedNode;
  let west: FederatedNode;
  let east: FederatedNode;
  const today = shanghaiToday(new Date());
  const figuresAt = async (node: FederatedNode, by = 'district') => (await node.request('GET', `/activities/figures?from=${today}&to=${today}&by=${by}`)).body;

  beforeAll(async () => {
    ({ city, districts: { west, east } } = await federation.start());
  }, 120_000);

  afterAll(async () => {
    await federation.close();
    rmSync(photoRoot, { recursive: true, force: true });
  });

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

  it('shows a district’s activity photo at the district through a signed link, and at the city by its reference only', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2e86c1' } }).png().toBuffer();
    const { body, contentType } = await multipartBody('photo', png, '送清凉.png', 'image/png');
    const uploaded = await west.service.app.inject({ method: 'POST', url: '/activities/photos', payload: body, headers: { 'content-type': contentType, authorization: `Bearer ${await west.token()}` } });
    expect(uploaded.statusCode).toBe(201);
    const ref: string = uploaded.json().ref;
    const planned = await west.call('POST', '/activities', { stationId: null, streetCode: '330802003', kind: 'seasonal_theme', title: '送清凉进工地', organiser: '区总工会', plannedOn: today });
    expect((await west.request('POST', `/activities/${planned.activityId}/held`, { heldOn: today, participants: 30, newFormParticipants: 20, photos: [ref] })).status).toBe(200);
    await west.service.settle();

    await eventually(async () => {
      await city.service.settle();
      return (await city.request('GET', `/activities/${planned.activityId}`)).status === 200;
    }, { what: 'the city reads the district’s activity' });
    const atCity = await city.call('GET', `/activities/${planned.activityId}`);
    expect(atCity).toMatchObject({ status: 'held', photos: [ref], photoLinks: [{ ref, url: null }] });
    const listedAtCity = (await city.call('GET', `/activities?status=held&districtCode=${west.ref.code}`)).items.find((a: { activityId: string }) => a.activityId === planned.activityId);
    expect(listedAtCity.photoLinks).toEqual([{ ref, url: null }]);

    const atWest = await west.call('GET', `/activities/${planned.activityId}`);
    expect(atWest.photoLinks).toEqual([{ ref, url: expect.stringMatching(new RegExp(`^photos/${ref}\\.jpg\\?exp=\\d+&sig=`)) }]);
    const image = await west.service.app.inject({ method: 'GET', url: `/${atWest.photoLinks[0].url}` });
    expect([image.statusCode, image.headers['content-type']]).toEqual([200, 'image/jpeg']);
    expect((await sharp(image.rawPayload).metadata()).width).toBe(40);
    // The city keeps no copy: even a link the city signs itself finds nothing under that reference.
    const cityLink = await city.service.app.inject({ method: 'GET', url: `/${city.service.app.get(Photos).link(ref)}` });
    expect([cityLink.statusCode, cityLink.json().code]).toEqual([404, 'photo_not_found']);
  }, 120_000);
});
