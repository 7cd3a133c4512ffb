import { DIRECTIVE_AGGREGATES, shanghaiDayAndHour, shanghaiYear, STATIONS_AGGREGATES, STATIONS_CONTEXT } from '@ws/contracts';
import { connectNats } from '@ws/messaging';
import { type FederatedNode, ServiceFederation } from '@ws/testing/federation';
import { publishForeignEvent } from '@ws/testing/service-process';
import { eventually } from '@ws/testing';
import { StationsModule } from './stations.module';

const station = (name: string) => ({
  name,
  kind: 'station',
  tier: 'community',
  host: 'community_centre',
  streetCode: '330802001',
  communityCode: null,
  address: `${name}路1号`,
  location: { lng: 118.873, lat: 28.936 },
  hours: { open24h: true },
  seats: 8,
  facilities: ['toilet'],
});

/**
 * A city of three districts on real nats-servers, one of them rogue: it publishes, on subjects of
 * its own node (all its link lets through), facts about a sibling's station, a sibling's receipt
 * and the city's directive. The city applies none of them; each is parked as forged with why.
 */
describe('origin checks: a rogue district cannot speak for a sibling or the city (real nats-servers)', () => {
  const federation = new ServiceFederation({ service: 'stations', module: (config) => StationsModule.forRoot({ config }), districts: ['west', 'east', 'rogue'] });
  let city: FederatedNode;
  let west: FederatedNode;
  let east: FederatedNode;
  let rogue: FederatedNode;

  beforeAll(async () => {
    ({ city, districts: { west, east, rogue } } = await federation.start());
  }, 180_000);

  afterAll(() => federation.close());

  const today = shanghaiDayAndHour(new Date()).day;
  const visitsAt = async (node: FederatedNode, stationId: string) =>
    (await node.request('GET', `/visits?from=${today}&to=${today}&by=station&stationId=${stationId}`)).body.total as number;

  it('parks forged station facts, visits, receipts and directive events at the city and keeps its read models', async () => {
    const westStation = (await west.request('POST', '/stations', station('甲区驿站'))).body.stationId as string;
    for (const key of ['v1', 'v2']) expect((await west.request('POST', `/stations/${westStation}/checkins`, { key: `${key}-${westStation}`, occupation: 'rider' })).status).toBe(201);
    const deadline = `${shanghaiYear(new Date()) + 1}-06-30`;
    const directive = await city.request('POST', '/directives', { kind: 'station_target', stations: 2, standard: 'ba_you', deadline, children: [west.ref.code, east.ref.code] });
    expect(directive.status).toBe(201);
    const directiveId = directive.body.directiveId as string;

    await eventually(async () => {
      for (const node of [west, east, city]) await node.service.settle();
      const [detail, progress] = await Promise.all([city.request('GET', `/stations/${westStation}`), city.request('GET', `/directives/${directiveId}`)]);
      return detail.status === 200 && (await visitsAt(city, westStation)) === 2 && progress.body.acknowledgements?.received === 2;
    }, { what: 'the city sees the station, its visits and both receipts' });

    const nc = await connectNats(rogue.nats.url, 'rogue');
    const forge = (aggregate: string, aggregateId: string, type: string, data: object) =>
      publishForeignEvent(nc, { node: rogue.ref, context: STATIONS_CONTEXT, aggregate, aggregateId, type, data });
    try {
      await forge(STATIONS_AGGREGATES.station, westStation, 'StationClosed', { stationId: westStation, reason: '伪造' });
      await forge(STATIONS_AGGREGATES.station, westStation, 'StationRegistered', { ...station('冒名驿站'), stationId: westStation, managerId: null });
      await forge(STATIONS_AGGREGATES.checkins, westStation, 'VisitsRecorded', {
        stationId: westStation,
        visits: Array.from({ length: 5 }, (_, i) => ({ key: `forged-${i}`, at: new Date().toISOString(), occupation: 'rider' })),
      });
      await forge(DIRECTIVE_AGGREGATES.receipt, directiveId, 'DirectiveAcknowledged', { directiveId, issuerNode: city.ref.code, nodeCode: east.ref.code });
      await forge(DIRECTIVE_AGGREGATES.directive, directiveId, 'DirectiveWithdrawn', { directiveId, issuerNode: city.ref.code, reason: '伪造' });
      await forge(DIRECTIVE_AGGREGATES.directive, directiveId, 'DirectiveDeadlineAmended', { directiveId, issuerNode: rogue.ref.code, deadline: `${today}`, previousDeadline: deadline });
    } finally {
      await nc.close();
    }
    // The rogue's own station, registered as it may: it does reach the city.
    const rogueStation = (await rogue.request('POST', '/stations', station('丙区驿站'))).body.stationId as string;

    const parked = await eventually(async () => {
      await rogue.service.settle();
      await city.service.settle();
      const items = (await city.request('GET', '/admin/parked')).body.items as Array<Record<string, any>>;
      return (await city.request('GET', `/stations/${rogueStation}`)).status === 200 && items.length >= 6 ? items : undefined;
    }, { what: 'the city parks the six forged events' });
    expect(parked.map((p) => [p.consumer, p.type, p.reason]).sort()).toEqual(
      [
        ['stations.directive-receipts', 'DirectiveAcknowledged', 'forged'],
        ['stations.directives', 'DirectiveDeadlineAmended', 'forged'],
        ['stations.directives', 'DirectiveWithdrawn', 'forged'],
        ['stations.directory', 'StationClosed', 'forged'],
        ['stations.directory', 'StationRegistered', 'forged'],
        ['stations.visits', 'VisitsRecorded', 'forged'],
      ].sort(),
    );
    expect(parked.find((p) => p.type === 'StationClosed')!.detail).toBe(
      `StationClosed: station ${westStation} belongs to node ${west.ref.code}; node ${rogue.ref.code} may not speak for it`,
    );
    for (const p of parked) expect(p.subject.startsWith(`evt.${rogue.ref.province}.${rogue.ref.city}.${rogue.ref.code}.`)).toBe(true);

    // The city's read models are as the genuine facts left them.
    expect((await city.request('GET', `/stations/${westStation}`)).body).toMatchObject({ name: '甲区驿站', status: 'active', districtCode: west.ref.code });
    expect(await visitsAt(city, westStation)).toBe(2);
    expect((await city.request('GET', `/directives/${directiveId}`)).body).toMatchObject({ status: 'open', deadline, acknowledgements: { received: 2, acknowledged: 0 } });
    // The rogue's own read model is its own affair; the city reports the forgery until someone deals with it.
    expect((await city.request('GET', '/admin/faults')).body).toMatchObject({ parked: expect.objectContaining({ 'stations.directory': 2 }) });

    // A retry of a forged event is refused again: it stays parked.
    const closed = parked.find((p) => p.type === 'StationClosed')!;
    expect(await city.request('POST', `/admin/parked/${closed.id}/retry`)).toMatchObject({ status: 409, body: { code: 'retry_failed' } });
    expect((await city.request('GET', '/admin/parked')).body.items.find((p: { id: number }) => p.id === closed.id)).toMatchObject({ reason: 'forged', attempts: 2 });
    expect((await city.request('GET', `/stations/${westStation}`)).body.status).toBe('active');
  }, 180_000);
});
