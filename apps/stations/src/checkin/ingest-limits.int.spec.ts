import { randomUUID } from 'node:crypto';
import { shanghaiDayAndHour } from '@ws/contracts';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { StationsModule } from '../stations.module';

const SINGLES = 3;
const BATCH_VISITS = 5;

/** A station's public intake per minute, whoever sends it: a flood of batches stops, riders still check in. */
describe('a station’s public check-in intake per minute (real Postgres and NATS)', () => {
  let service: ServiceHarness;
  let stationId: string;
  const post = (url: string, payload: unknown) => service.app.inject({ method: 'POST', url, payload: payload as object });
  const visits = (n: number) => ({ visits: Array.from({ length: n }, () => ({ key: randomUUID(), at: new Date().toISOString(), occupation: 'rider' })) });

  beforeAll(async () => {
    service = await startService('stations', (config) => StationsModule.forRoot({ config, ingestLimits: { checkinsPerMinute: SINGLES, batchVisitsPerMinute: BATCH_VISITS } }));
    const officer = await service.token('district_officer');
    const created = await service.app.inject({
      method: 'POST',
      url: '/stations',
      headers: { authorization: `Bearer ${officer}` },
      payload: {
        name: '文昌社区37°C工会驿站', kind: 'station', tier: 'community', host: 'community_centre', streetCode: '330802001', communityCode: '330802001001',
        address: '衢州市柯城区文昌路1号', location: { lng: 118.873, lat: 28.936 }, hours: { open24h: true }, seats: 12, facilities: ['charging'],
      },
    });
    if (created.statusCode !== 201) throw new Error(created.body);
    stationId = created.json().stationId;
  });

  afterAll(async () => {
    await service?.close();
  });

  it('takes batches up to the limit exactly, refuses the one over it whole with problem+json 429, and stores none of it', async () => {
    expect((await post(`/stations/${stationId}/checkins/batch`, visits(BATCH_VISITS - 1))).json().accepted).toBe(BATCH_VISITS - 1);
    const over = await post(`/stations/${stationId}/checkins/batch`, visits(2));
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.json()).toMatchObject({ code: 'station_ingest_limited', field: 'id' });
    // The one visit left still fits.
    expect((await post(`/stations/${stationId}/checkins/batch`, visits(1))).json().accepted).toBe(1);
    expect((await post(`/stations/${stationId}/checkins/batch`, visits(1))).statusCode).toBe(429);
    await service.settle();
    const today = shanghaiDayAndHour(new Date()).day;
    const { total } = (await service.app.inject({ method: 'GET', url: `/visits?from=${today}&to=${today}&by=station&stationId=${stationId}` })).json();
    expect(total).toBe(BATCH_VISITS);
  });

  it('keeps single check-ins in a budget of their own, per station', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < SINGLES + 1; i++) statuses.push((await post(`/stations/${stationId}/checkins`, { key: randomUUID(), occupation: 'courier' })).statusCode);
    expect(statuses).toEqual([...Array(SINGLES).fill(201), 429]);
    const elsewhere = await post(`/stations/${randomUUID()}/checkins`, { key: randomUUID(), occupation: 'courier' });
    expect(elsewhere.json().code).toBe('station_not_found');
  });
});
