import { randomUUID } from 'node:crypto';
import { Kysely, sql } from 'kysely';
import { eventSubject, nodeRef, shanghaiToday, WISHES_AGGREGATES, WISHES_CONTEXT, type WishPostedData } from '@ws/contracts';
import { DB } from '@ws/platform';
import { connect, type NatsConnection } from '@ws/testing/nats';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { eventually } from '@ws/testing';
import { publishForeignEvent } from '@ws/testing/service-process';
import type { StationsDatabase } from '../../db/database';
import { StationsModule } from '../../stations.module';
import { WishRatingsProjection } from '../wish-ratings/wish-ratings.projection';

/**
 * The star review's measured criteria: usage from the station's year of visits and activities,
 * satisfaction from the ratings of the wishes posted there (wishes' events on the node's bus,
 * kept by the wish-ratings projection); neither is typed.
 */
describe('star review measured from visits, activities and wish ratings (real Postgres and NATS)', () => {
  let service: ServiceHarness;
  let nc: NatsConnection;
  let db: Kysely<StationsDatabase>;
  let officer: string;
  let stationId: string;
  let otherStationId: string;
  const today = shanghaiToday(new Date());
  const year = Number(today.slice(0, 4));

  const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, token?: string) =>
    service.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });
  const registerStation = async (name: string) =>
    (await inject('POST', '/stations', {
      name, kind: 'station', tier: 'community', host: 'enterprise', streetCode: '330502001', communityCode: null,
      address: `爱山街道${name}`, location: { lng: 120.09, lat: 30.87 }, hours: { open24h: true }, seats: 8,
    }, officer)).json().stationId as string;

  /** A wishes event of this node, as the wishes service's relay publishes it. */
  const wishEvent = (wishId: string, type: string, data: object, options: { occurredAt?: Date; eventId?: string; msgId?: string } = {}) =>
    publishForeignEvent(nc, { node: service.config.node, context: WISHES_CONTEXT, aggregate: WISHES_AGGREGATES.wish, aggregateId: wishId, type, data, ...options });
  const posted = (wishId: string, atStation: string): WishPostedData => ({
    wishId, wishNo: `W${wishId.slice(0, 9).toUpperCase()}`, stationId: atStation, communityCode: null, streetCode: '330502001', category: 'repair',
    text: '驿站的微波炉坏了', urgency: 'normal', photoRefs: [], authorKind: 'worker', memberCard: null, contactRef: null,
    authorKeyHash: 'a'.repeat(64), postedBy: null, moderateBy: new Date().toISOString(),
  });
  const ratingRows = async () =>
    (await sql<{ wish_id: string; station_id: string; rating: number | null; rated_on: string | null }>`
      select wish_id, station_id, rating, to_char(rated_on, 'YYYY-MM-DD') as rated_on from wish_ratings order by rating nulls first, wish_id`.execute(db)).rows;

  const wishes = { five: randomUUID(), four: randomUUID(), lastYear: randomUUID(), open: randomUUID(), declined: randomUUID(), unconfirmed: randomUUID(), suggestion: randomUUID(), elsewhere: randomUUID() };

  beforeAll(async () => {
    service = await startService('stations', (config) => StationsModule.forRoot({ config }));
    nc = await connect({ servers: service.config.natsUrl });
    db = service.app.get<Kysely<StationsDatabase>>(DB);
    officer = await service.token('district_officer');
    stationId = await registerStation('衣裳街驿站');
    otherStationId = await registerStation('南街驿站');
    // Ten visits and two activities held there this year; a third activity only planned.
    const at = new Date().toISOString();
    const batch = await inject('POST', `/stations/${stationId}/checkins/batch`, { visits: Array.from({ length: 10 }, () => ({ key: `v-${randomUUID()}`, at, occupation: 'rider' })) });
    expect(batch.json()).toMatchObject({ accepted: 10 });
    for (const held of [true, true, false]) {
      const activity = (await inject('POST', '/activities', { stationId, kind: 'health_clinic', title: '义诊', organiser: '吴兴区总工会', partners: [], plannedOn: today }, officer)).json().activityId;
      if (held) expect((await inject('POST', `/activities/${activity}/held`, { heldOn: today, participants: 20, newFormParticipants: 10 }, officer)).statusCode).toBe(200);
    }
    // The wishes posted at the station and what became of them; one posted at the other station.
    for (const id of [wishes.five, wishes.four, wishes.lastYear, wishes.open, wishes.declined, wishes.unconfirmed]) await wishEvent(id, 'WishPosted', posted(id, stationId));
    await wishEvent(wishes.suggestion, 'SuggestionPosted', posted(wishes.suggestion, stationId));
    await wishEvent(wishes.elsewhere, 'WishPosted', posted(wishes.elsewhere, otherStationId));
    const confirmed = await wishEvent(wishes.five, 'WishConfirmed', { wishId: wishes.five, rating: 5, comment: '修得很快，谢谢' });
    await wishEvent(wishes.five, 'WishClosed', { wishId: wishes.five, reason: 'confirmed' });
    // Delivered again past the stream's duplicate window: the same rating, counted once.
    await wishEvent(wishes.five, 'WishConfirmed', confirmed.data, { eventId: confirmed.eventId, msgId: randomUUID() });
    await wishEvent(wishes.four, 'WishConfirmed', { wishId: wishes.four, rating: 4, comment: null });
    await wishEvent(wishes.suggestion, 'WishConfirmed', { wishId: wishes.suggestion, rating: 3, comment: null });
    await wishEvent(wishes.elsewhere, 'WishConfirmed', { wishId: wishes.elsewhere, rating: 1, comment: null });
    await wishEvent(wishes.lastYear, 'WishConfirmed', { wishId: wishes.lastYear, rating: 1, comment: null }, { occurredAt: new Date(`${year - 1}-12-31T08:00:00+08:00`) });
    await wishEvent(wishes.declined, 'WishDeclined', { wishId: wishes.declined, reason: '重复提交', moderatorId: 'officer-1' });
    await wishEvent(wishes.unconfirmed, 'WishClosed', { wishId: wishes.unconfirmed, reason: 'not_confirmed_in_time' });
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await service?.close();
  });

  it('shows the measured year of each criterion and the score it earns', async () => {
    const measures = await eventually(async () => {
      await service.settle();
      const body = (await inject('GET', `/stations/${stationId}/review-measures?year=${year}`, undefined, officer)).json();
      return body.usage?.visits === 10 && body.usage?.activities === 2 && body.satisfaction?.ratings === 3 ? body : undefined;
    }, { what: 'the visits, activities and ratings in the read models' });
    // Usage: 70 × 10/2000 + 30 × 2/4 = 15.35 → 15. Satisfaction: ratings 5, 4 and 3 with 5 neutral ones: (12 + 15) ÷ 8 = 3.375 → 59.
    expect(measures).toEqual({
      stationId,
      year,
      usage: { visits: 10, activities: 2, score: 15 },
      satisfaction: { ratings: 3, averageRating: 4, score: 59 },
    });
    const lastYear = (await inject('GET', `/stations/${stationId}/review-measures?year=${year - 1}`, undefined, officer)).json();
    // Last year: no visit, no activity, the one rating of 1 → (1 + 15) ÷ 6 = 2.67 → 42.
    expect(lastYear).toEqual({ stationId, year: year - 1, usage: { visits: 0, activities: 0, score: 0 }, satisfaction: { ratings: 1, averageRating: 1, score: 42 } });
    const other = (await inject('GET', `/stations/${otherStationId}/review-measures?year=${year}`, undefined, officer)).json();
    expect(other.satisfaction).toEqual({ ratings: 1, averageRating: 1, score: 42 });
  });

  it('reviews with the measured scores: typed 95/92/90, usage 15 and satisfaction 59 weigh 75.85, three stars, and the event keeps what was measured', async () => {
    const reviewed = await inject('POST', `/stations/${stationId}/review`, { year, scores: { facilities: 95, services: 92, management: 90 } }, officer);
    expect(reviewed.statusCode).toBe(200);
    const event = await eventually(async () => {
      await service.settle();
      const { rows } = await sql<{ data: any }>`select data from station_history where station_id = ${stationId}::uuid and type = 'StationReviewed'`.execute(db);
      return rows[0]?.data;
    }, { what: 'the review in the station history' });
    expect(event).toMatchObject({
      year,
      scores: { facilities: 95, services: 92, management: 90, usage: 15, satisfaction: 59 },
      score: 75.85,
      stars: 3,
      usageMeasured: { visits: 10, activities: 2 },
      satisfactionMeasured: { ratings: 3, ratingTotal: 12 },
    });
  });

  it('refuses a typed usage or satisfaction score, and answers review officers only', async () => {
    for (const criterion of ['usage', 'satisfaction']) {
      const typed = await inject('POST', `/stations/${stationId}/review`, { year, scores: { facilities: 95, services: 92, management: 90, [criterion]: 100 } }, officer);
      expect(typed.statusCode).toBe(400);
      expect(typed.json()).toMatchObject({ code: 'validation_failed', field: `scores.${criterion}` });
    }
    const street = await service.token('street_officer', { street: '330502001' });
    expect((await inject('GET', `/stations/${stationId}/review-measures?year=${year}`, undefined, street)).json().code).toBe('forbidden');
    expect((await inject('GET', `/stations/${stationId}/review-measures?year=${year}`)).json().code).toBe('unauthenticated');
    expect((await inject('GET', `/stations/${stationId}/review-measures?year=abc`, undefined, officer)).json()).toMatchObject({ code: 'validation_failed', field: 'year' });
  });

  it("refuses another node's word: a wish at this node's station posted elsewhere, a rating of this node's wish from elsewhere", async () => {
    const projection = service.app.get(WishRatingsProjection);
    const stranger = nodeRef(`${service.config.node.code.slice(0, -2)}${service.config.node.code.endsWith('ee') ? 'dd' : 'ee'}`);
    const strangersWish = randomUUID();
    const event = (seq: number, wishId: string, type: string, data: object) => ({
      seq,
      subject: eventSubject(stranger, WISHES_CONTEXT, WISHES_AGGREGATES.wish, wishId, type),
      envelope: { eventId: randomUUID(), type, schema: 1, streamId: `wish-${wishId}`, streamVersion: 1, occurredAt: new Date().toISOString(), data, metadata: { correlationId: 'c', causationId: 'c', node: stranger.code, actor: 'test' } },
    });
    const forged = await db.transaction().execute((trx) =>
      projection.apply(trx, [
        event(1, strangersWish, 'WishPosted', posted(strangersWish, stationId)),
        event(2, wishes.open, 'WishConfirmed', { wishId: wishes.open, rating: 1, comment: null }),
      ]),
    );
    expect(forged).toEqual([
      { seq: 1, detail: `WishPosted: station ${stationId} belongs to node ${service.config.node.code}; node ${stranger.code} may not speak for it` },
      { seq: 2, detail: `WishConfirmed: wish ${wishes.open} was posted at node ${service.config.node.code}; node ${stranger.code} may not rate it` },
    ]);
    const rows = await ratingRows();
    expect(rows.find((r) => r.wish_id === strangersWish)).toBeUndefined();
    expect(rows.find((r) => r.wish_id === wishes.open)).toMatchObject({ rating: null });
  });
});
