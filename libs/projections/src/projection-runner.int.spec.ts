import { randomUUID } from 'node:crypto';
import { jetstream, JetStreamClient, JetStreamManager, jetstreamManager } from '@ws/testing/nats';
import type { NatsConnection } from '@ws/testing/nats';
import { Kysely, sql, Transaction } from 'kysely';
import { EventEnvelope, eventSubject, HEADERS, nodeRef } from '@ws/contracts';
import { createDb, migrateToLatest } from '@ws/eventstore';
import { connectNats, ConsumedEvent, ensureNodeStreams, JetStreamPublisher } from '@ws/messaging';
import { createTestDatabase, eventually, NATS_URL, testNodeCode, TestDatabase } from '@ws/testing';
import { projectionMigrations, readCheckpoint } from './checkpoints';
import { readRebuild } from './rebuilds';
import type { Projection } from './projection';
import { leaseKeyOf } from './projection-leases';
import { ProjectionRunner, ProjectionRunnerOptions } from './projection-runner';

/** Sums a number carried by each event: applying an event twice, or skipping one, shows in the total. */
class TallyProjection implements Projection {
  readonly name = 'test.tally';
  readonly tables = ['tally'];
  /** Events this instance applied in transactions that committed or not. */
  attempted = 0;
  committed = 0;

  constructor(private readonly slowMs = 0) {}

  async apply(trx: Transaction<any>, events: readonly ConsumedEvent[]): Promise<void> {
    this.attempted += events.length;
    const sum = events.reduce((total, e) => total + (e.envelope.data as { n: number }).n, 0);
    await sql`insert into tally (k, total, events) values ('all', ${sum}, ${events.length})
              on conflict (k) do update set total = tally.total + excluded.total, events = tally.events + excluded.events`.execute(trx);
    if (this.slowMs) await new Promise((resolve) => setTimeout(resolve, this.slowMs));
  }

  afterCommit(events: readonly ConsumedEvent[]): void {
    this.committed += events.length;
  }
}

describe('ProjectionRunner (real Postgres and NATS)', () => {
  let database: TestDatabase;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  const node = nodeRef(testNodeCode());
  const streams = { evt: `EVT_${node.code}`, dir: `DIR_${node.code}` };
  /** One pool per simulated process: leases are per connection, so two pools are two processes. */
  const pools: Kysely<any>[] = [];
  const runners: ProjectionRunner[] = [];
  let published = 0;
  let expectedTotal = 0;

  function pool(): Kysely<any> {
    const db = createDb(database.url, { max: 5 });
    pools.push(db);
    return db;
  }

  function runner(db: Kysely<any>, projection: Projection, options: Partial<ProjectionRunnerOptions> = {}): ProjectionRunner {
    const created = new ProjectionRunner(db, js, jsm, projection, { stream: streams.evt, retryDelayMs: 50, standbyPollMs: 100, ...options });
    runners.push(created);
    return created;
  }

  async function publish(count: number): Promise<void> {
    const messages = Array.from({ length: count }, () => {
      const n = ++published;
      expectedTotal += n;
      const eventId = randomUUID();
      const envelope: EventEnvelope = {
        eventId, type: 'Counted', schema: 1, streamId: 'counter-1', streamVersion: null, occurredAt: new Date().toISOString(),
        data: { n }, metadata: { correlationId: eventId, causationId: eventId, node: node.code },
      };
      return { eventId, subject: eventSubject(node, 'test', 'counter', '1', 'Counted'), headers: { [HEADERS.msgId]: eventId }, payload: JSON.stringify(envelope) };
    });
    await new JetStreamPublisher(js).publishBatch(messages);
  }

  async function tally(db: Kysely<any>): Promise<{ total: number; events: number }> {
    const { rows } = await sql<{ total: string; events: string }>`select total, events from tally where k = 'all'`.execute(db);
    return { total: Number(rows[0]?.total ?? 0), events: Number(rows[0]?.events ?? 0) };
  }

  async function tallyIndexes(db: Kysely<any>): Promise<string[]> {
    const { rows } = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename = 'tally' and indexname <> 'tally_pkey' order by 1`.execute(db);
    return rows.map((r) => r.indexname);
  }

  /** Connections holding the tally's lease in this test's database. */
  function leaseHolders() {
    return sql<{ pid: number }>`
      select l.pid from pg_locks l join pg_database d on d.oid = l.database
      where l.locktype = 'advisory' and l.granted and d.datname = current_database()
        and l.classid = ${0x57535052}::int::oid and l.objid = (${leaseKeyOf('test.tally')}::int)::oid`.execute(pools[0]!);
  }

  beforeAll(async () => {
    database = await createTestDatabase('proj');
    nc = await connectNats(NATS_URL, 'projection runner spec');
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureNodeStreams(jsm, node, { names: streams });
    const db = pool();
    await migrateToLatest(db, {
      ...projectionMigrations,
      '20261201000000_tally': {
        up: async (m: Kysely<any>) => {
          await sql`create table tally (k text primary key, total bigint not null, events bigint not null)`.execute(m);
          await sql`create index tally_by_events on tally (events)`.execute(m);
        },
      },
    });
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await sql`truncate tally`.execute(pools[0]!);
    await sql`delete from projection_checkpoints`.execute(pools[0]!);
  });

  afterAll(async () => {
    await Promise.all(pools.map((db) => db.destroy()));
    await jsm.streams.delete(streams.evt).catch(() => undefined);
    await jsm.streams.delete(streams.dir).catch(() => undefined);
    await nc.close();
    await database.drop();
  });

  it('applies the stream once, with the checkpoint in the same transaction, and resumes after a restart', async () => {
    const db = pool();
    await publish(120);
    const first = runner(db, new TallyProjection(), { batchSize: 50 });
    await first.start();
    await first.catchUp();
    expect(await tally(db)).toEqual({ total: expectedTotal, events: published });
    expect(await readCheckpoint(db, 'test.tally')).toBe(published);

    await first.stop();
    await publish(30);
    const second = runner(db, new TallyProjection());
    await second.start();
    await second.catchUp();
    expect(await tally(db)).toEqual({ total: expectedTotal, events: published });
  });

  it('rebuilds by emptying the read model and replaying the stream', async () => {
    const db = pool();
    await publish(10);
    const projection = new TallyProjection();
    const running = runner(db, projection);
    await running.start();
    await running.catchUp();
    await running.rebuild();
    await running.catchUp();
    expect(await tally(db)).toEqual({ total: expectedTotal, events: published });
    expect(projection.committed).toBe(2 * published);
  });

  it('replays a rebuild without the secondary indexes and recreates them once done, also after a restart half-way', async () => {
    const db = pool();
    await publish(60);
    const slow = new TallyProjection(20);
    const first = runner(db, slow, { rebuildBatchSize: 5 });
    await first.start();
    await first.catchUp();
    const firstPass = slow.committed;
    await first.rebuild();
    expect(first.rebuilding).toBe(true);
    expect(await tallyIndexes(db)).toEqual([]);
    await eventually(() => slow.committed >= firstPass + 20, { what: 'part of the replay' });
    await first.stop(); // a restart (or a crash) in the middle of the replay

    const second = runner(db, new TallyProjection(), { rebuildBatchSize: 5 });
    await second.start();
    expect(second.rebuilding).toBe(true);
    await second.catchUp();
    expect(second.rebuilding).toBe(false);
    expect(await readRebuild(db, 'test.tally')).toBeUndefined();
    expect(await tallyIndexes(db)).toEqual(['tally_by_events']);
    expect(await tally(db)).toEqual({ total: expectedTotal, events: published });
  });

  it('runs in one process of two at a time; the other follows the checkpoint and takes over when it stops', async () => {
    const a = new TallyProjection();
    const b = new TallyProjection();
    const runnerA = runner(pool(), a);
    await runnerA.start();
    await eventually(() => runnerA.leading, { what: 'A to lead' });
    const runnerB = runner(pool(), b);
    await runnerB.start();
    await publish(200);
    // The standby's position follows the leader's checkpoint, so read-your-writes works in either process.
    await runnerA.catchUp();
    await runnerB.catchUp();
    expect(runnerB.leading).toBe(false);
    expect(b.attempted).toBe(0);
    expect(a.committed).toBe(published);

    await runnerA.stop();
    await eventually(() => runnerB.leading, { what: 'B to take over' });
    await publish(50);
    await runnerB.catchUp();
    expect(b.committed).toBe(50);
    expect(await tally(pools[0]!)).toEqual({ total: expectedTotal, events: published });
  });

  it('stops applying when its lease connection is lost, and the effect stays exactly once', async () => {
    const a = new TallyProjection(5);
    const runnerA = runner(pool(), a, { batchSize: 10 });
    await runnerA.start();
    await eventually(() => runnerA.leading, { what: 'A to lead' });
    const runnerB = runner(pool(), new TallyProjection(5), { batchSize: 10 });
    await runnerB.start();
    await publish(300);
    await eventually(() => a.committed > 0, { what: 'A to be under way' });
    // What a network cut does to the lease: its connection ends while a batch may be mid-way, and
    // either process may take the lease next.
    const { rows } = await leaseHolders();
    expect(rows).toHaveLength(1);
    await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(pools[0]!);
    await eventually(async () => (await readCheckpoint(pools[0]!, 'test.tally')) === published, { what: 'the read model to reach the stream' });
    expect(await tally(pools[0]!)).toEqual({ total: expectedTotal, events: published });
    await eventually(() => runnerA.leading !== runnerB.leading, { what: 'one of them to lead' });
    expect((await leaseHolders()).rows).toHaveLength(1);
  });

  // Every refused batch starts a new consumer from the checkpoint: on a busy machine that takes minutes, not seconds.
  it('commits each event once even when two runners apply at the same time (no lease)', async () => {
    const a = new TallyProjection(3);
    const b = new TallyProjection(3);
    const runnerA = runner(pool(), a, { exclusive: false, batchSize: 7 });
    const runnerB = runner(pool(), b, { exclusive: false, batchSize: 7 });
    await Promise.all([runnerA.start(), runnerB.start()]);
    await publish(300);
    await eventually(async () => (await readCheckpoint(pools[0]!, 'test.tally')) === published, { what: 'the read model to reach the stream', timeoutMs: 170_000 });
    await Promise.all([runnerA.catchUp(), runnerB.catchUp()]);
    expect(await tally(pools[0]!)).toEqual({ total: expectedTotal, events: published });
    // Both really ran: the batches the checkpoint refused were rolled back, not counted.
    expect(a.attempted).toBeGreaterThan(0);
    expect(b.attempted).toBeGreaterThan(0);
    expect(a.committed + b.committed).toBe(published);
  }, 180_000);

  it('notices a rebuild started in another process, even with nothing new to apply', async () => {
    const a = new TallyProjection();
    const runnerA = runner(pool(), a);
    await runnerA.start();
    await eventually(() => runnerA.leading, { what: 'A to lead' });
    await publish(40);
    await runnerA.catchUp();
    const standby = runner(pool(), new TallyProjection());
    await standby.start();
    const before = a.committed;
    await standby.rebuild();
    await eventually(() => a.committed === before + published, { what: 'A to replay' });
    expect(await tally(pools[0]!)).toEqual({ total: expectedTotal, events: published });
    expect(standby.leading).toBe(false);
  });
});
