import { randomUUID } from 'node:crypto';
import { shanghaiToday, WISHES_AGGREGATES, WISHES_CONTEXT, type WishPostedData } from '@ws/contracts';
import { platformConfig } from '@ws/platform';
import { projectionSpec } from '@ws/testing';
import type { StationsDatabase } from '../../db/database';
import { stationsMigrations } from '../../db/migrations';
import { WishRatingsProjection } from './wish-ratings.projection';

const NODE = '330502';
const SIBLING = '330503';

describe('WishRatingsProjection (real Postgres)', () => {
  const ratings = projectionSpec<StationsDatabase>({
    projection: new WishRatingsProjection(platformConfig('stations', { NODE_CODE: '3305' })),
    migrations: stationsMigrations,
    databasePrefix: 'wish_ratings',
  });

  const wishEvent = (wishId: string, type: string, data: object, options: { node?: string; occurredAt?: Date } = {}) =>
    ratings.event({ node: options.node ?? NODE, context: WISHES_CONTEXT, aggregate: WISHES_AGGREGATES.wish, aggregateId: wishId, type, data, ...(options.occurredAt ? { occurredAt: options.occurredAt } : {}) });
  const posted = (wishId: string, stationId: string, options: { node?: string } = {}) =>
    wishEvent(wishId, 'WishPosted', {
      wishId, wishNo: `W${wishId.slice(0, 9).toUpperCase()}`, stationId, communityCode: null, streetCode: `${NODE}001`, category: 'repair',
      text: '驿站的微波炉坏了', urgency: 'normal', photoRefs: [], authorKind: 'worker', memberCard: null, contactRef: null,
      authorKeyHash: 'a'.repeat(64), postedBy: null, moderateBy: new Date().toISOString(),
    } satisfies WishPostedData, options);
  const confirmed = (wishId: string, rating: number, options: { node?: string; occurredAt?: Date } = {}) => wishEvent(wishId, 'WishConfirmed', { wishId, rating, comment: null }, options);
  const rowOf = async (wishId: string) =>
    (await ratings.rows<{ station_id: string; rating: number | null; rated_on: string | null }>(
      `select station_id, rating, to_char(rated_on, 'YYYY-MM-DD') as rated_on from wish_ratings where wish_id = '${wishId}'`,
    ))[0];

  it('keeps each wish posted at a station until it is rated or can no longer be, with the day of its rating', async () => {
    const station = randomUUID();
    const [rated, lastYear, open, declined, unconfirmed, closedRated] = Array.from({ length: 6 }, () => randomUUID());
    const year = Number(shanghaiToday(new Date()).slice(0, 4));
    const five = confirmed(rated!, 5);
    await ratings.given(
      [rated!, lastYear!, open!, declined!, unconfirmed!, closedRated!].map((id) => posted(id, station)),
      [
        five,
        confirmed(lastYear!, 1, { occurredAt: new Date(`${year - 1}-12-31T08:00:00+08:00`) }),
        wishEvent(declined!, 'WishDeclined', { wishId: declined, reason: '重复提交', moderatorId: 'officer-1' }),
        wishEvent(unconfirmed!, 'WishClosed', { wishId: unconfirmed, reason: 'not_confirmed_in_time' }),
        confirmed(closedRated!, 4),
        wishEvent(closedRated!, 'WishClosed', { wishId: closedRated, reason: 'confirmed' }),
      ],
      // Delivered again past the stream's duplicate window: the same rating, set once more.
      [ratings.again(five)],
    );
    expect(await rowOf(rated!)).toEqual({ station_id: station, rating: 5, rated_on: shanghaiToday(new Date()) });
    expect(await rowOf(lastYear!)).toMatchObject({ rating: 1, rated_on: `${year - 1}-12-31` });
    expect(await rowOf(closedRated!)).toMatchObject({ rating: 4 });
    expect(await rowOf(open!)).toEqual({ station_id: station, rating: null, rated_on: null });
    expect(await rowOf(declined!)).toBeUndefined();
    expect(await rowOf(unconfirmed!)).toBeUndefined();
  });

  it("sets aside a rating of this node's wish from another node, and leaves the wish unrated", async () => {
    const wish = randomUUID();
    const stranger = confirmed(wish, 1, { node: SIBLING });
    const [, setAside] = await ratings.given([posted(wish, randomUUID())], [stranger]);
    expect(setAside).toEqual([{ seq: stranger.seq, detail: `WishConfirmed: wish ${wish} was posted at node ${NODE}; node ${SIBLING} may not rate it` }]);
    expect(await rowOf(wish)).toMatchObject({ rating: null });
  });
});
