import { randomUUID } from 'node:crypto';
import { MEMBERSHIP_AGGREGATES, MEMBERSHIP_CONTEXT } from '@ws/contracts';
import { platformConfig } from '@ws/platform';
import { projectionSpec } from '@ws/testing';
import type { MembershipDatabase } from '../../db/database';
import { membershipMigrations } from '../../db/migrations';
import { PointsBalancesProjection } from './points-balances.projection';

describe('PointsBalancesProjection (real Postgres)', () => {
  const points = projectionSpec<MembershipDatabase>({
    projection: new PointsBalancesProjection(platformConfig('membership', { NODE_CODE: '3308' })),
    migrations: membershipMigrations,
    databasePrefix: 'points',
  });

  const credited = (membershipId: string, amount: number) =>
    points.event({
      node: '330802', context: MEMBERSHIP_CONTEXT, aggregate: MEMBERSHIP_AGGREGATES.points, aggregateId: membershipId, type: 'PointsCredited',
      data: { membershipId, entryId: randomUUID(), points: amount, source: 'officer', sourceRef: null },
    });

  it('credits an event republished after the duplicate window once, to the member and to the node’s total', async () => {
    const member = randomUUID();
    const ten = credited(member, 10);
    const five = credited(member, 5);
    await points.given([ten, points.again(ten)], [points.again(ten), five]);
    const balance = await points.db.selectFrom('points_balances').select(['balance', 'credited']).where('membership_id', '=', member).executeTakeFirstOrThrow();
    expect(balance).toEqual({ balance: 15, credited: 15 });
    const [total] = await points.rows<{ balance: string }>(`select balance from points_totals where node_code = '330802'`);
    expect(Number(total!.balance)).toBe(15);
  });
});
