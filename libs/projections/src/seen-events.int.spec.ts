import { randomUUID } from 'node:crypto';
import { jetstream, JetStreamClient, JetStreamManager, jetstreamManager } from '@ws/testing/nats';
import type { NatsConnection } from '@ws/testing/nats';
import { Kysely, sql, Transaction } from 'kysely';
import { EventEnvelope, eventSubject, nodeRef } from '@ws/contracts';
import { createDb, migrateToLatest } from '@ws/eventstore';
import { connectNats, ConsumedEvent, ensureNodeStreams } from '@ws/messaging';
import { createTestDatabase, NATS_URL, testNodeCode, TestDatabase } from '@ws/testing';
import { projectionMigrations } from './checkpoints';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { firstSeen, pruneSeenEvents } from './seen-events';

/** Adds up `n` of each event it has not counted before: a summing read model. */
class SumProjection implements Projection {
  readonly name = 'test.sum';
  readonly tables = ['seen_sum'];

  async apply(trx: Transaction<any>, events: readonly ConsumedEvent[]): Promise<void> {
    const fresh = await firstSeen(trx, this.name, events);
    const total = fresh.reduce((sum, e) => sum + (e.envelope.data as { n: number }).n, 0);
    await sql`insert into seen_sum values (1, ${total}, ${fresh.length})
      on conflict (id) do update set total = seen_sum.total + excluded.total, events = seen_sum.events + excluded.events`.execute(trx);
  }
}

/**
 * The relay republishes an outbox row whose delete did not commit; after the stream's 2-minute
 * duplicate window the stream stores it again (a new message, same event). A summing projection
 * counts it once: in the same batch, in a later batch, and after a rebuild.
 */
describe('summing projections count an event id once (real Postgres and NATS)', () => {
  let database: TestDatabase;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let db: Kysely<any>;
  let runner: ProjectionRunner;
  const node = nodeRef(testNodeCode());
  const streams = { evt: `EVT_${node.code}`, dir: `DIR_${node.code}` };

  const envelope = (n: number): EventEnvelope => {
    const eventId = randomUUID();
    return {
      eventId, type: 'Counted', schema: 1, streamId: 'counter-1', streamVersion: null, occurredAt: new Date().toISOString(),
      data: { n }, metadata: { correlationId: eventId, causationId: eventId, node: node.code },
    };
  };
  /** Published with a message id of its own, as a republish past the duplicate window is stored. */
  const publish = (e: EventEnvelope) => js.publish(eventSubject(node, 'test', 'counter', '1', 'Counted'), JSON.stringify(e), { msgID: randomUUID() });
  const sum = async () => (await sql<{ total: number; events: number }>`select total, events from seen_sum`.execute(db)).rows[0];

  beforeAll(async () => {
    database = await createTestDatabase('seen');
    nc = await connectNats(NATS_URL, 'seen events spec');
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureNodeStreams(jsm, node, { names: streams });
    db = createDb(database.url, { max: 5 });
    await migrateToLatest(db, projectionMigrations);
    await sql`create table seen_sum (id int primary key, total int not null, events int not null)`.execute(db);
  });

  afterAll(async () => {
    await runner?.stop();
    await db?.destroy();
    await jsm?.streams.delete(streams.evt).catch(() => undefined);
    await jsm?.streams.delete(streams.dir).catch(() => undefined);
    await nc?.close();
    await database?.drop();
  });

  it('counts a republished event once, whether the copy lands in the same batch or a later one, and again once after a rebuild', async () => {
    const [one, two, three] = [envelope(1), envelope(10), envelope(100)];
    // Both copies of `one` in the first batch.
    for (const e of [one, two, one]) await publish(e);
    runner = new ProjectionRunner(db, js, jsm, new SumProjection(), { stream: streams.evt, retryDelayMs: 20, exclusive: false });
    await runner.start();
    await runner.catchUp(20_000);
    expect(await sum()).toEqual({ total: 11, events: 2 });

    // A copy of `two` long after, in a batch of its own, and a new event beside it.
    await publish(two);
    await publish(three);
    await runner.catchUp(20_000);
    expect(await sum()).toEqual({ total: 111, events: 3 });
    expect((await jsm.streams.info(streams.evt)).state.messages).toBe(5);

    // A rebuild empties the sum, forgets what it counted and counts each event once again.
    await runner.rebuild();
    await runner.catchUp(20_000);
    expect(await sum()).toEqual({ total: 111, events: 3 });
  });

  it('forgets counted ids only after they are old', async () => {
    expect(await pruneSeenEvents(db)).toBe(0);
    await sql`update projection_seen_events set seen_at = now() - interval '31 days'`.execute(db);
    expect(await pruneSeenEvents(db)).toBe(3);
  });
});
