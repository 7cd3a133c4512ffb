import { sql } from 'kysely';
import { eventually } from '@ws/testing';
import { OutboxRelay } from './outbox-relay';
import { SESSION_APPLICATION_NAME, SessionConnection } from './session-connection';
import { InMemoryPublisher } from './testing/in-memory-publisher';
import { openTestStore, TestStore } from './testing/test-store';

let t: TestStore;
beforeAll(async () => (t = await openTestStore({ max: 2 })));
afterAll(async () => t.close());

const sessionBackends = () =>
  sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and application_name = ${SESSION_APPLICATION_NAME}`.execute(t.db).then((r) => r.rows.map((row) => row.pid));
const lockHolders = () =>
  sql<{ pid: number }>`select l.pid from pg_locks l join pg_database d on d.oid = l.database
    where l.locktype = 'advisory' and l.granted and d.datname = current_database() and l.objid = 4242::oid`.execute(t.db).then((r) => r.rows.map((row) => row.pid));

describe('the session connection of a database (leases and the outbox LISTEN)', () => {
  it('carries the outbox LISTEN and a session lock on one connection, and LISTENs again after it is lost', async () => {
    const publisher = new InMemoryPublisher();
    // Polling would take a minute: only the LISTEN can wake it in time.
    const relay = new OutboxRelay(t.db, publisher, { idleMs: 60_000 });
    relay.start();
    const session = SessionConnection.of(t.db)!;
    const holder = {};
    let lost = 0;
    const stopWatching = session.onLost(() => lost++);
    try {
      const client = await session.connect(holder);
      await client.query('select pg_advisory_lock(4242)');
      await eventually(async () => (await sessionBackends()).length === 1, { what: 'one session backend' });
      const [pid] = await sessionBackends();
      expect(await lockHolders()).toEqual([pid]);

      await sql`select pg_terminate_backend(${pid!})`.execute(t.db);
      await eventually(() => lost === 1, { what: 'the loss to be reported' });
      expect(session.connected).toBe(false);
      expect(await lockHolders()).toEqual([]);

      // The holder comes back (as a lease would): the LISTEN comes back with the connection.
      await session.connect(holder);
      await eventually(async () => (await sessionBackends()).length === 1 && (await sessionBackends())[0] !== pid, { what: 'a new session backend' });
      await t.store.appendToStream({ context: 'stations', aggregate: 'station', aggregateId: 's1' }, 0, [{ type: 'SomethingHappened', data: {} }]);
      await eventually(() => publisher.stored.length === 1, { what: 'the event published on the notification' });
    } finally {
      stopWatching();
      session.release(holder);
      await relay.stop();
    }
    await eventually(async () => (await sessionBackends()).length === 0, { what: 'the session closed with its last user' });
  });

  it('sends one query at a time, whoever sends them (pg 9 refuses a query sent while another runs)', async () => {
    const session = SessionConnection.of(t.db)!;
    const holder = {};
    try {
      const client = await session.connect(holder);
      const send = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<unknown>;
      let running = 0;
      let most = 0;
      (client as unknown as { query: typeof send }).query = async (text, values) => {
        most = Math.max(most, ++running);
        try {
          return await send(text, values);
        } finally {
          running -= 1;
        }
      };
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => session.query<{ n: number }>(holder, 'select $1::int as n from pg_sleep(0.005)', [i]).then((r) => r.rows[0]!.n)),
      );
      expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(most).toBe(1);
    } finally {
      session.release(holder);
    }
  });
});
