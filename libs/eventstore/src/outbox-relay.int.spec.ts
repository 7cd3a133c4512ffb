import { sql } from 'kysely';
import { DomainError } from '@ws/kernel';
import type { DomainEvent } from '@ws/contracts';
import { eventually } from '@ws/testing';
import { OutboxRelay, OutboxRelayOptions } from './outbox-relay';
import { SESSION_KEEPALIVE_QUERY } from './session-connection';
import { InMemoryPublisher } from './testing/in-memory-publisher';
import { gate, openTestStore, TestStore } from './testing/test-store';

let t: TestStore;
beforeAll(async () => (t = await openTestStore({ max: 30 })));
afterAll(async () => t.close());
beforeEach(async () => sql`truncate events, outbox`.execute(t.db));

const relays: OutboxRelay[] = [];
afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
});

function relay(publisher: InMemoryPublisher, options: OutboxRelayOptions = {}): OutboxRelay {
  const created = new OutboxRelay(t.db, publisher, { idleMs: 20, ...options });
  relays.push(created);
  return created;
}

const target = (id: string) => ({ context: 'stations', aggregate: 'station', aggregateId: id });
const happened = (n: number): DomainEvent => ({ type: 'SomethingHappened', data: { n } });

async function eventIdsInPositionOrder(): Promise<string[]> {
  const rows = await t.db.selectFrom('events').select('event_id').orderBy('global_position').execute();
  return rows.map((r) => r.event_id);
}

async function outboxSize(): Promise<number> {
  return (await t.db.selectFrom('outbox').select('position').execute()).length;
}

async function appendMany(streams: number, perStream: number): Promise<void> {
  for (let s = 0; s < streams; s++) {
    await t.store.appendToStream(target(`m${s}`), 0, Array.from({ length: perStream }, (_, i) => happened(i)));
  }
}

function expectStreamsInOrder(publisher: InMemoryPublisher): void {
  for (const [streamId, versions] of publisher.versionsByStream()) {
    if (versions[0] === null) continue;
    expect({ streamId, versions }).toEqual({ streamId, versions: versions.map((_, i) => i + 1) });
  }
}

describe('OutboxRelay', () => {
  it('publishes a low position that commits after higher ones, later and in its stream order, losing nothing', async () => {
    const publisher = new InMemoryPublisher();
    const hold = gate();
    let lowPosition!: number;
    let inserted!: () => void;
    const insertedPromise = new Promise<void>((resolve) => (inserted = resolve));
    const slow = t.store.transaction(async (trx) => {
      await t.store.appendToStream(target('slow'), 0, [happened(1), happened(2)], undefined, trx);
      lowPosition = (await trx.selectFrom('outbox').select((eb) => eb.fn.max('position').as('p')).executeTakeFirstOrThrow()).p;
      inserted();
      await hold.promise;
    });
    await insertedPromise;
    await t.store.appendToStream(target('fast'), 0, [happened(1), happened(2), happened(3)]);
    await t.store.appendUnversioned([{ target: { context: 'stations', aggregate: 'checkins', aggregateId: 'c1' }, event: happened(9) }]);
    const committed = await t.db.selectFrom('outbox').select('position').execute();
    expect(Math.min(...committed.map((r) => r.position))).toBeGreaterThan(lowPosition);

    const first = relay(publisher);
    await first.drain();
    expect(publisher.versionsByStream().get('station-fast')).toEqual([1, 2, 3]);
    expect(publisher.versionsByStream().has('station-slow')).toBe(false);

    hold.open();
    await slow;
    await t.store.appendToStream(target('slow'), 2, [happened(3)]);
    await first.drain();

    expect(publisher.versionsByStream().get('station-slow')).toEqual([1, 2, 3]);
    expect(publisher.stored.map((m) => m.eventId).sort()).toEqual((await eventIdsInPositionOrder()).sort());
    expect(await outboxSize()).toBe(0);
  });

  it('keeps every stream in order and loses nothing with racing writers that hold transactions open while it runs', async () => {
    const publisher = new InMemoryPublisher();
    const running = relay(publisher, { batchSize: 25, idleMs: 5 });
    running.start();
    const streams = ['r0', 'r1', 'r2', 'r3'];
    const writer = async (w: number) => {
      for (let i = 0; i < 25; i++) {
        const stream = streams[(w + i) % streams.length]!;
        for (;;) {
          const { version } = await t.store.readStream(`station-${stream}`);
          try {
            await t.store.transaction(async (trx) => {
              await t.store.appendToStream(target(stream), version, [happened(i), happened(i + 1)], undefined, trx);
              await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
            });
            break;
          } catch (error) {
            if (!(error instanceof DomainError && error.code === 'version_conflict')) throw error;
          }
        }
        if (i % 5 === 0) await t.store.appendUnversioned([{ target: { context: 'stations', aggregate: 'checkins', aggregateId: stream }, event: happened(i) }]);
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
    await running.drain();

    const all = await eventIdsInPositionOrder();
    expect(all.length).toBe(8 * 25 * 2 + 8 * 5);
    expect(publisher.stored.map((m) => m.eventId).sort()).toEqual([...all].sort());
    expect(publisher.attempts).toHaveLength(all.length);
    expectStreamsInOrder(publisher);
    expect(running.published).toBe(all.length);
    expect(await outboxSize()).toBe(0);
  });

  it('republishes after a publisher failure mid-batch; a dedup-by-id consumer sees each event once, in order', async () => {
    await appendMany(3, 100);
    const publisher = new InMemoryPublisher();
    publisher.beforeMessage = (_message, index, call) => {
      if (call === 2 && index === 20) throw new Error('connection lost');
    };
    await expect(relay(publisher, { batchSize: 100 }).drain()).rejects.toThrow('connection lost');
    expect(publisher.stored).toHaveLength(120);
    expect(await outboxSize()).toBe(200);

    await relay(publisher, { batchSize: 100 }).drain();
    expect(publisher.attempts.length).toBe(320);
    expect(publisher.stored.map((m) => m.eventId)).toEqual(await eventIdsInPositionOrder());
    expectStreamsInOrder(publisher);
    expect(await outboxSize()).toBe(0);
  });

  it('republishes a batch whose acknowledgement was lost (crash between publish and delete)', async () => {
    await appendMany(2, 50);
    const publisher = new InMemoryPublisher();
    publisher.afterBatch = (call) => {
      if (call === 1) throw new Error('crashed before delete');
    };
    const crashed = relay(publisher, { batchSize: 60 });
    await expect(crashed.drain()).rejects.toThrow('crashed before delete');
    await crashed.stop();
    expect(await outboxSize()).toBe(100);

    await relay(publisher, { batchSize: 60 }).drain();
    expect(publisher.attempts.length).toBe(160);
    expect(publisher.stored.map((m) => m.eventId)).toEqual(await eventIdsInPositionOrder());
    expect(await outboxSize()).toBe(0);
  });

  it('keeps running after failed batches and publishes everything once the bus is back', async () => {
    await appendMany(2, 30);
    const publisher = new InMemoryPublisher();
    publisher.beforeMessage = (_message, _index, call) => {
      if (call <= 2) throw new Error('bus down');
    };
    const errors: unknown[] = [];
    const running = relay(publisher, { idleMs: 5, logger: { error: (...args) => errors.push(args) } });
    running.start();
    await eventually(() => publisher.stored.length === 60, { what: 'all 60 events stored' });
    expect(errors).toHaveLength(2);
    expect(publisher.stored.map((m) => m.eventId)).toEqual(await eventIdsInPositionOrder());
  });

  it('lets only one of two relays on a database publish at a time', async () => {
    await appendMany(10, 50);
    const publisher = new InMemoryPublisher();
    publisher.delayMs = 15;
    const one = relay(publisher, { batchSize: 50, idleMs: 2 });
    const two = relay(publisher, { batchSize: 50, idleMs: 2 });
    one.start();
    two.start();
    await Promise.all([one.drain(), two.drain()]);
    expect(publisher.maxConcurrent).toBe(1);
    expect(publisher.attempts).toHaveLength(500);
    expect(one.published + two.published).toBe(500);
    expect(publisher.stored.map((m) => m.eventId)).toEqual(await eventIdsInPositionOrder());
  });

  it('wakes on the commit notification and loops without sleeping while rows remain', async () => {
    const publisher = new InMemoryPublisher();
    // Polling alone would take a minute: only NOTIFY and the no-sleep loop can pass this in time.
    const running = relay(publisher, { batchSize: 10, idleMs: 60_000 });
    running.start();
    await eventually(async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from pg_stat_activity
        where datname = current_database() and (query ilike 'listen%' or query = ${SESSION_KEEPALIVE_QUERY})`.execute(t.db);
      return rows[0]!.n === 1;
    }, { what: 'the relay to listen' });
    // Let it finish its first (empty) turn and go to sleep: nothing outside the relay says when it
    // sleeps, and nothing may be published meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(publisher.calls).toBe(0);
    await appendMany(1, 95);
    await eventually(() => publisher.stored.length === 95, { what: '95 events published' });
    expect(publisher.calls).toBe(10);
  });
});
