import { randomUUID } from 'node:crypto';
import { Kysely, sql } from 'kysely';
import { shanghaiToday } from '@ws/contracts';
import { DB } from '@ws/platform';
import { startTestService, type TestServiceApp } from '@ws/testing/service-app';
import { eventually } from '@ws/testing';
import type { StationsDatabase } from '../../db/database';
import { StationsModule } from '../../stations.module';

/** The star review's usage score from the station's measured year: its visits and the activities held there, never typed. */
describe('star review usage from measured visits and activities (real Postgres and NATS)', () => {
  let service: TestServiceApp;
  let officer: string;
  let stationId: string;
  const today = shanghaiToday(new Date());
  const year = Number(today.slice(0, 4));

  const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, token?: string) =>
    service.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    service = await startTestService('stations', (config) => StationsModule.forRoot({ config }));
    officer = await service.token('district_officer');
    stationId = (await inject('POST', '/stations', {
      name: '衣裳街驿站', kind: 'station', tier: 'community', host: 'enterprise', streetCode: '330502001', communityCode: null,
      address: '爱山街道衣裳街1号', location: { lng: 120.09, lat: 30.87 }, hours: { open24h: true }, seats: 8,
    }, officer)).json().stationId;
    // Ten visits and two activities held there this year; a third activity only planned.
    const at = new Date().toISOString();
    const batch = await inject('POST', `/stations/${stationId}/checkins/batch`, { visits: Array.from({ length: 10 }, () => ({ key: `v-${randomUUID()}`, at, occupation: 'rider' })) });
    expect(batch.json()).toMatchObject({ accepted: 10 });
    for (const held of [true, true, false]) {
      const activity = (await inject('POST', '/activities', { stationId, kind: 'health_clinic', title: '义诊', organiser: '吴兴区总工会', partners: [], plannedOn: today }, officer)).json().activityId;
      if (held) expect((await inject('POST', `/activities/${activity}/held`, { heldOn: today, participants: 20, newFormParticipants: 10 }, officer)).statusCode).toBe(200);
    }
  });

  afterAll(async () => {
    await service?.close();
  });

  it('shows the measured year and the usage score it earns', async () => {
    const usage = await eventually(async () => {
      await service.catchUp();
      const body = (await inject('GET', `/stations/${stationId}/review-usage?year=${year}`, undefined, officer)).json();
      return body.visits === 10 && body.activities === 2 ? body : undefined;
    }, { what: 'the visits and activities in the read models', timeoutMs: 30_000 });
    // 70 × 10/2000 + 30 × 2/4 = 15.35 → 15.
    expect(usage).toEqual({ stationId, year, visits: 10, activities: 2, usage: 15 });
    const lastYear = (await inject('GET', `/stations/${stationId}/review-usage?year=${year - 1}`, undefined, officer)).json();
    expect(lastYear).toMatchObject({ visits: 0, activities: 0, usage: 0 });
  });

  it('reviews with the measured usage: typed 95/92/90/90 and usage 15 weigh 80.5, four stars, and the event keeps what was measured', async () => {
    const reviewed = await inject('POST', `/stations/${stationId}/review`, { year, scores: { facilities: 95, services: 92, management: 90, satisfaction: 90 } }, officer);
    expect(reviewed.statusCode).toBe(200);
    const db = service.app.get<Kysely<StationsDatabase>>(DB);
    const event = await eventually(async () => {
      await service.catchUp();
      const { rows } = await sql<{ data: any }>`select data from station_history where station_id = ${stationId}::uuid and type = 'StationReviewed'`.execute(db);
      return rows[0]?.data;
    }, { what: 'the review in the station history', timeoutMs: 30_000 });
    expect(event).toMatchObject({ year, scores: { facilities: 95, services: 92, management: 90, usage: 15, satisfaction: 90 }, score: 80.5, stars: 4, usageMeasured: { visits: 10, activities: 2 } });
  });

  it('refuses a typed usage score, and answers review officers only', async () => {
    const typed = await inject('POST', `/stations/${stationId}/review`, { year, scores: { facilities: 95, services: 92, management: 90, usage: 100, satisfaction: 90 } }, officer);
    expect(typed.statusCode).toBe(400);
    expect(typed.json()).toMatchObject({ code: 'validation_failed', field: 'scores.usage' });
    const street = await service.token('street_officer', { street: '330502001' });
    expect((await inject('GET', `/stations/${stationId}/review-usage?year=${year}`, undefined, street)).json().code).toBe('forbidden');
    expect((await inject('GET', `/stations/${stationId}/review-usage?year=${year}`)).json().code).toBe('unauthenticated');
    expect((await inject('GET', `/stations/${stationId}/review-usage?year=abc`, undefined, officer)).json()).toMatchObject({ code: 'validation_failed', field: 'year' });
  });
});
