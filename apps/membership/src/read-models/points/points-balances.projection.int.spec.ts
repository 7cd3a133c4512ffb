import { randomUUID } from 'node:crypto';
import { Kysely, sql } from 'kysely';
import { eventSubject, MEMBERSHIP_AGGREGATES, MEMBERSHIP_CONTEXT, nodeRef } from '@ws/contracts';
import type { EventEnvelope } from '@ws/contracts';
import { createDb, eventStoreMigrations, migrateToLatest } from '@ws/eventstore';
import type { ConsumedEvent } from '@ws/messaging';
import { platformConfig } from '@ws/platform';
import { projectionMigrations } from '@ws/projections';
import { createTestDatabase, TestDatabase } from '@ws/testing';
import type { MembershipDatabase } from '../../db/database';
import { membershipMigrations } from '../../db/migrations';
import { PointsBalancesProjection } from './points-balances.projection';

describe('PointsBalancesProjection (real Postgres)', () => {
  let database: TestDatabase;
  let db: Kysely<MembershipDatabase>;
  const projection = new PointsBalancesProjection(platformConfig('membership', { NODE_CODE: '3308' }));
  let seq = 0;

  function credited(membershipId: string, points: number): ConsumedEvent {
    const eventId = randomUUID();
    const envelope: EventEnvelope = {
      eventId, type: 'PointsCredited', schema: 1, streamId: `points-${membershipId}`, streamVersion: null, occurredAt: new Date().toISOString(),
      data: { membershipId, entryId: randomUUID(), points, source: 'officer', sourceRef: null },
      metadata: { correlationId: eventId, causationId: eventId, node: '330802' },
    };
    return { seq: ++seq, subject: eventSubject(nodeRef('330802'), MEMBERSHIP_CONTEXT, MEMBERSHIP_AGGREGATES.points, membershipId, 'PointsCredited'), envelope };
  }

  beforeAll(async () => {
    database = await createTestDatabase('points');
    db = createDb<MembershipDatabase>(database.url);
    await migrateToLatest(db, { ...eventStoreMigrations, ...projectionMigrations, ...membershipMigrations });
  });

  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('credits an event republished after the duplicate window once, to the member and to the node’s total', async () => {
    const member = randomUUID();
    const ten = credited(member, 10);
    const five = credited(member, 5);
    await db.transaction().execute((trx) => projection.apply(trx, [ten, { ...ten, seq: ++seq }]));
    await db.transaction().execute((trx) => projection.apply(trx, [{ ...ten, seq: ++seq }, five]));
    const balance = await db.selectFrom('points_balances').select(['balance', 'credited']).where('membership_id', '=', member).executeTakeFirstOrThrow();
    expect(balance).toEqual({ balance: 15, credited: 15 });
    const { rows } = await sql<{ balance: string }>`select balance from points_totals where node_code = '330802'`.execute(db);
    expect(Number(rows[0]!.balance)).toBe(15);
  });
});
