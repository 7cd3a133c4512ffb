import { sql } from 'kysely';
import { createTestDatabase, FaultProxy, type TestDatabase } from '@ws/testing';
import { createDb } from './database';

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
      const inTransaction = db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        cutInTransaction();
        // Idle in the transaction while the connection is reset: no query of its own is active.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`select 2`.execute(trx);
      });
      const sleeping = sql`select pg_sleep(5)`.execute(db);
      await transactionIdle;
      await new Promise((resolve) => setTimeout(resolve, 100));
      proxy.cut();
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
