import { sql } from 'kysely';
import { createTestDatabase, eventually, FaultProxy, type TestDatabase } from '@ws/testing';
import { createDb } from './database';
import { gate } from './testing/test-store';

/**
 * Postgres vanishing under checked-out connections (the fault proxy resets them): the queries
 * fail with the reset and the process goes on — pg-pool leaves a checked-out client's 'error'
 * event to its user, which would otherwise end the process — and once Postgres is back the
 * pool serves queries again on new connections.
 */
describe('createDb: connections reset while checked out', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;

  beforeAll(async () => {
    database = await createTestDatabase('dbreset');
    proxy = await FaultProxy.start(database.url);
  });

  afterAll(async () => {
    await proxy.close();
    await database.drop();
  });

  it('rejects the queries in flight and in an open transaction, then works again after the restore', async () => {
    const db = createDb<any>(proxy.urlFor(database.url), { max: 4, connectionTimeoutMs: 1_000, queryTimeoutMs: 5_000 });
    try {
      let cutInTransaction!: () => void;
      const transactionIdle = new Promise<void>((resolve) => (cutInTransaction = resolve));
      const connectionsCut = gate();
      const inTransaction = db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        cutInTransaction();
        // Idle in the transaction while the connection is reset: no query of its own is active.
        await connectionsCut.promise;
        await sql`select 2`.execute(trx);
      });
      const sleeping = sql`select pg_sleep(5)`.execute(db);
      await transactionIdle;
      // Asked beside the proxy: the sleep has reached the server, so the reset comes under a query in flight.
      const direct = createDb<any>(database.url, { max: 1 });
      try {
        await eventually(
          async () => (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and query = 'select pg_sleep(5)'`.execute(direct)).rows[0]!.n === 1,
          { what: 'pg_sleep running on the server', everyMs: 10 },
        );
      } finally {
        await direct.destroy();
      }
      proxy.cut();
      connectionsCut.open();
      await expect(sleeping).rejects.toThrow();
      await expect(inTransaction).rejects.toThrow();
      await expect(sql`select 3`.execute(db)).rejects.toThrow();
      proxy.restore();
      expect((await sql<{ n: number }>`select 4 as n`.execute(db)).rows).toEqual([{ n: 4 }]);
    } finally {
      await db.destroy();
    }
  });
});
