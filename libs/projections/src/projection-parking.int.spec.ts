import { randomUUID } from 'node:crypto';
import { jetstream, JetStreamClient, JetStreamManager, jetstreamManager } from '@ws/testing/nats';
import type { NatsConnection } from '@ws/testing/nats';
import { Kysely, sql, Transaction } from 'kysely';
import { EventEnvelope, eventSubject, HEADERS, nodeRef } from '@ws/contracts';
import { createDb, migrateToLatest } from '@ws/eventstore';
import { connectNats, ConsumedEvent, ensureNodeStreams, JetStreamPublisher } from '@ws/messaging';
import { createTestDatabase, NATS_URL, testNodeCode, TestDatabase } from '@ws/testing';
import { projectionMigrations, readCheckpoint } from './checkpoints';
import { countParked, listParked, removeParked } from './parked-messages';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

/** Sums `n` of each event; an event whose `n` is in `poison` makes apply throw, as a bug would. */
class TallyProjection implements Projection {
  readonly name = 'test.parking';
  readonly tables = ['parking_tally'];
  readonly poison = new Set<number>();

  async apply(trx: Transaction<any>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const event of events) {
      const { n } = event.envelope.data as { n: number };
      if (this.poison.has(n)) throw new TypeError(`cannot handle ${n}`);
      await sql`insert into parking_tally (n) values (${n})`.execute(trx);
    }
  }
}

/**
 * A projection that meets messages it cannot apply — a body that is not an envelope, a schema
 * newer than this code (a node upgraded first), an event its handler fails on every time —
 * parks each with its reason and goes on; the parked ones are retried or skipped afterwards.
 */
describe('ProjectionRunner parks poison messages and goes on (real Postgres and NATS)', () => {
  let database: TestDatabase;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let db: Kysely<any>;
  let runner: ProjectionRunner;
  const node = nodeRef(testNodeCode());
  const streams = { evt: `EVT_${node.code}`, dir: `DIR_${node.code}` };
  const projection = new TallyProjection();

  function message(n: number, options: { type?: string; context?: string; schema?: number } = {}) {
    const eventId = randomUUID();
    const type = options.type ?? 'Counted';
    const envelope: EventEnvelope = {
      eventId, type, schema: options.schema ?? 1, streamId: 'counter-1', streamVersion: null, occurredAt: new Date().toISOString(),
      data: { n }, metadata: { correlationId: eventId, causationId: eventId, node: node.code },
    };
    return { eventId, subject: eventSubject(node, options.context ?? 'test', 'counter', '1', type), headers: { [HEADERS.msgId]: eventId }, payload: JSON.stringify(envelope) };
  }

  const applied = async () => (await sql<{ n: number }>`select n from parking_tally order by n`.execute(db)).rows.map((r) => Number(r.n));

  beforeAll(async () => {
    database = await createTestDatabase('park');
    nc = await connectNats(NATS_URL, 'projection parking spec');
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureNodeStreams(jsm, node, { names: streams });
    db = createDb(database.url, { max: 5 });
    await migrateToLatest(db, projectionMigrations);
    await sql`create table parking_tally (n int primary key)`.execute(db);
  });

  afterAll(async () => {
    await runner?.stop();
    await db?.destroy();
    await jsm?.streams.delete(streams.evt).catch(() => undefined);
    await jsm?.streams.delete(streams.dir).catch(() => undefined);
    await nc?.close();
    await database?.drop();
  });

  it('parks an undecodable body, an unknown schema version and an event failing every time, and applies everything else', async () => {
    projection.poison.add(4);
    const publisher = new JetStreamPublisher(js);
    await publisher.publishBatch([message(1), message(2)]);
    // Not an envelope at all.
    await js.publish(eventSubject(node, 'test', 'counter', '1', 'Counted'), 'this is not json', { msgID: randomUUID() });
    // VisitsRecorded is a known stations event; schema 99 is from a node that upgraded first.
    await publisher.publishBatch([message(3, { context: 'stations', type: 'VisitsRecorded', schema: 99 }), message(4), message(5), message(6)]);

    runner = new ProjectionRunner(db, js, jsm, projection, { stream: streams.evt, retryDelayMs: 20, exclusive: false });
    await runner.start();
    await runner.catchUp(20_000);

    expect(await applied()).toEqual([1, 2, 5, 6]);
    expect(await readCheckpoint(db, projection.name)).toBe(7);
    const parked = await listParked(db, { limit: 10 });
    expect(parked.map((p) => [p.seq, p.reason])).toEqual([
      [3, 'undecodable'],
      [4, 'unknown_schema'],
      [5, 'failed'],
    ]);
    expect(parked[2]).toMatchObject({ consumer: 'test.parking', kind: 'projection', type: 'Counted', attempts: 3 });
    expect(parked[2]!.detail).toContain('cannot handle 4');
    expect(await countParked(db)).toEqual({ 'test.parking': 3 });

    // Later events still flow.
    await publisher.publishBatch([message(7)]);
    await runner.catchUp(10_000);
    expect(await applied()).toEqual([1, 2, 5, 6, 7]);
  });

  it('retries a parked event once its cause is fixed (applied once, even if retried twice), keeps one that still fails, and skips on request', async () => {
    const [undecodable, newer, failed] = await listParked(db, { limit: 10 });

    // Still unfixed: stays parked, one attempt more.
    expect(await runner.retryParked(failed!.id)).toMatchObject({ outcome: 'failed', reason: 'failed' });
    expect((await listParked(db, { limit: 10 })).find((p) => p.id === failed!.id)!.attempts).toBe(4);

    projection.poison.delete(4);
    expect(await runner.retryParked(failed!.id)).toEqual({ outcome: 'applied' });
    expect(await runner.retryParked(failed!.id)).toEqual({ outcome: 'gone' });
    expect(await applied()).toEqual([1, 2, 4, 5, 6, 7]);

    // This code still does not know schema 99, nor can it read the body.
    expect(await runner.retryParked(newer!.id)).toMatchObject({ outcome: 'failed', reason: 'unknown_schema' });
    expect(await runner.retryParked(undecodable!.id)).toMatchObject({ outcome: 'failed', reason: 'undecodable' });

    expect(await removeParked(db, undecodable!.id)).toBe(true);
    expect(await removeParked(db, newer!.id)).toBe(true);
    expect(await countParked(db)).toEqual({});
  });
});
