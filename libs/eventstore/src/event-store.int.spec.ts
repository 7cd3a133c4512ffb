import { sql } from 'kysely';
import { DomainError } from '@ws/kernel';
import { databaseUrl, dropTestDatabases, eventually, PG_URL, uniqueSuffix } from '@ws/testing';
import { createDb, ensureDatabase, migrateToLatest } from './database';
import { eventStoreMigrations } from './migrations';
import type { EventStoreTables } from './tables';
import { gate, openTestStore, TestStore } from './testing/test-store';

let t: TestStore;
beforeAll(async () => (t = await openTestStore()));
afterAll(async () => t.close());

const station = (id: string) => ({ context: 'stations', aggregate: 'station', aggregateId: id });
const registered = (n: number) => ({ type: 'StationRegistered', data: { n } });

async function outboxRows() {
  return t.db.selectFrom('outbox').selectAll().orderBy('position').execute();
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('EventStore', () => {
  it('reads an unknown stream as version 0 with no events', async () => {
    expect(await t.store.readStream('station-nobody')).toEqual({ events: [], version: 0 });
  });

  it('appends events that read back as the envelopes it returned, each with an outbox row in version order', async () => {
    const target = station('a1');
    const first = await t.store.appendToStream(target, 0, [registered(1), registered(2)], { actor: 'admin' });
    t.clock.advance(1000);
    const second = await t.store.appendToStream(target, 2, [{ type: 'StationOpened', data: {}, schema: 2 }]);

    const read = await t.store.readStream('station-a1');
    expect(read.version).toBe(3);
    expect(read.events).toEqual([...first, ...second]);
    expect(read.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(second[0]!.schema).toBe(2);

    const rows = (await outboxRows()).filter((r) => r.payload.includes('"station-a1"'));
    expect(rows.map((r) => JSON.parse(r.payload))).toEqual(read.events);
    expect(rows.map((r) => r.headers['ws-stream-version'])).toEqual(['1', '2', '3']);
    expect(rows[0]!.subject).toBe(`evt.${t.node.province}.${t.node.city}.${t.node.district}.stations.station.a1.StationRegistered`);
    expect(typeof rows[0]!.position).toBe('number');
  });

  it('refuses a stale expected version with version_conflict and writes nothing', async () => {
    const target = station('b1');
    await t.store.appendToStream(target, 0, [registered(1)]);
    const outboxBefore = (await outboxRows()).length;
    const error = await rejection(t.store.appendToStream(target, 0, [registered(2)]));
    expect(error.code).toBe('version_conflict');
    expect(error.details).toEqual({ expected: 0, actual: 1 });
    const ahead = await rejection(t.store.appendToStream(target, 5, [registered(2)]));
    expect(ahead.details).toEqual({ expected: 5, actual: 1 });
    expect((await t.store.readStream('station-b1')).version).toBe(1);
    expect((await outboxRows()).length).toBe(outboxBefore);
  });

  it('lets exactly one of many concurrent appenders at the same version win', async () => {
    const target = station('c1');
    await t.store.appendToStream(target, 0, [registered(0)]);
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => t.store.appendToStream(target, 1, [registered(i)])));
    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers.map((l) => (l.reason as DomainError).code)).toEqual(Array(11).fill('version_conflict'));
    const read = await t.store.readStream('station-c1');
    expect(read.version).toBe(2);
    expect(read.events[1]).toEqual((winners[0] as PromiseFulfilledResult<unknown[]>).value[0]);
  });

  it('reports version_conflict to a writer that raced an uncommitted append of the same version', async () => {
    const target = station('d1');
    const hold = gate();
    let appended!: () => void;
    const inserted = new Promise<void>((resolve) => (appended = resolve));
    const holder = t.store.transaction(async (trx) => {
      await t.store.appendToStream(target, 0, [registered(1)], undefined, trx);
      appended();
      await hold.promise;
    });
    await inserted;
    // Blocks on the holder's row in the unique index until it commits.
    const racer = rejection(t.store.appendToStream(target, 0, [registered(2)]));
    await eventually(
      async () => (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db)).rows[0]!.n === 1,
      { what: "the racer blocked on the holder's row", everyMs: 10 },
    );
    hold.open();
    await holder;
    const error = await racer;
    expect(error.code).toBe('version_conflict');
    expect(error.details).toEqual({ expected: 0, actual: 1 });
  });

  it('writes nothing when the caller rolls back its transaction', async () => {
    const target = station('e1');
    const failure = new Error('rollback');
    await expect(
      t.store.transaction(async (trx) => {
        await t.store.appendToStream(target, 0, [registered(1)], undefined, trx);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await t.store.readStream('station-e1')).toEqual({ events: [], version: 0 });
    expect((await outboxRows()).filter((r) => r.payload.includes('"station-e1"'))).toEqual([]);
  });

  it('appends many unversioned facts across streams in one call, skipping event ids already stored', async () => {
    const items = Array.from({ length: 300 }, (_, i) => ({
      target: { context: 'stations', aggregate: 'checkins', aggregateId: `s${i % 3}` },
      event: { type: 'VisitsRecorded', data: { i } },
      meta: { actor: 'public' },
    }));
    const envelopes = await t.store.appendUnversioned(items);
    expect(envelopes).toHaveLength(300);
    expect(new Set(envelopes.map((e) => e.streamVersion))).toEqual(new Set([null]));

    const s0 = await t.store.readStream('checkins-s0');
    expect(s0.version).toBe(0);
    expect(s0.events.map((e) => (e.data as { i: number }).i)).toEqual(items.map((_, i) => i).filter((i) => i % 3 === 0));

    const rows = (await outboxRows()).filter((r) => r.subject.includes('.checkins.'));
    expect(rows.map((r) => r.event_id)).toEqual(envelopes.map((e) => e.eventId));
    expect(rows.every((r) => r.headers['ws-stream-version'] === '')).toBe(true);

    const again = await t.store.appendUnversioned([
      { ...items[0]!, eventId: envelopes[0]!.eventId },
      { ...items[1]!, eventId: '0190a0b0-0000-7000-8000-00000000beef' },
    ]);
    expect(again.map((e) => e.eventId)).toEqual(['0190a0b0-0000-7000-8000-00000000beef']);
    expect((await outboxRows()).filter((r) => r.subject.includes('.checkins.'))).toHaveLength(301);
  });
});

describe('database set-up', () => {
  it('creates a database once, returns its URL, migrates it idempotently and reports a failing migration by name', async () => {
    const name = `es_ensure_${uniqueSuffix()}`;
    const url = await ensureDatabase(PG_URL, name);
    const db = createDb<EventStoreTables>(url, { max: 2 });
    try {
      expect(url).toBe(databaseUrl(name));
      expect(await ensureDatabase(PG_URL, name)).toBe(url);
      await migrateToLatest(db, eventStoreMigrations);
      await migrateToLatest(db, eventStoreMigrations);
      const broken = { '20261123000001_broken': { up: async () => Promise.reject(new Error('boom')) } };
      await expect(migrateToLatest(db, { ...eventStoreMigrations, ...broken })).rejects.toThrow(/20261123000001_broken.*boom/);
      expect(await db.selectFrom('events').select('event_id').execute()).toEqual([]);
    } finally {
      await db.destroy();
      await dropTestDatabases([name]);
    }
  });
});
