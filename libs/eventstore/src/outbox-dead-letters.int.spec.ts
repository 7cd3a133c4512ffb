import { randomUUID } from 'node:crypto';
import { jetstreamManager, JetStreamManager } from '@ws/testing/nats';
import type { NatsConnection } from '@ws/testing/nats';
import { sql } from 'kysely';
import { eventSubject, type EventEnvelope } from '@ws/contracts';
import { connectNats, ensureNodeStreams, JetStreamOutboxPublisher } from '@ws/messaging';
import { eventually, NATS_URL } from '@ws/testing';
import { eventHeaders } from './envelopes';
import { OutboxRelay } from './outbox-relay';
import { openTestStore, TestStore } from './testing/test-store';

/**
 * The relay against the real bus: a row the bus refuses (bigger than the server's max_payload,
 * as the 1.16 MB VisitsRecorded of issue 10 was; or a subject no stream takes) is tried a bounded
 * number of times and set aside with its reason; every other stream goes on meanwhile, in order;
 * the later rows of its own stream wait behind it until it is retried or discarded.
 */
describe('OutboxRelay dead letters (real Postgres and NATS)', () => {
  let t: TestStore;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let relay: OutboxRelay;
  const setAside: string[] = [];
  let names: { evt: string; dir: string };

  const target = (id: string) => ({ context: 'stations', aggregate: 'station', aggregateId: id });
  const happened = (n: number) => ({ type: 'SomethingHappened', data: { n } });

  /** An outbox row written by hand, as an older version of the code (or another writer) did. */
  async function rawRow(streamId: string, subject: string, payloadBytes: number): Promise<number> {
    const eventId = randomUUID();
    const envelope: EventEnvelope = {
      eventId, type: 'VisitsRecorded', schema: 1, streamId, streamVersion: null, occurredAt: new Date().toISOString(),
      data: { padding: 'x'.repeat(payloadBytes) }, metadata: { correlationId: eventId, causationId: eventId, node: t.node.code },
    };
    const row = await t.db
      .insertInto('outbox')
      .values({ event_id: eventId, subject, headers: JSON.stringify(eventHeaders(envelope)), payload: JSON.stringify(envelope), stream_id: streamId })
      .returning('position')
      .executeTakeFirstOrThrow();
    return row.position;
  }

  async function storedSubjects(): Promise<Record<string, number>> {
    const info = await jsm.streams.info(names.evt, { subjects_filter: '>' });
    return info.state.subjects ?? {};
  }

  const outboxRows = async () => (await t.db.selectFrom('outbox').select(['position', 'stream_id']).orderBy('position').execute()).map((r) => r.stream_id);

  beforeAll(async () => {
    t = await openTestStore();
    nc = await connectNats(NATS_URL, 'dead letters spec');
    jsm = await jetstreamManager(nc);
    names = { evt: `EVT_${t.node.code}`, dir: `DIR_${t.node.code}` };
    await ensureNodeStreams(jsm, t.node, { names });
    relay = new OutboxRelay(t.db, new JetStreamOutboxPublisher(nc, { ackTimeoutMs: 2000 }), {
      idleMs: 20,
      maxAttempts: 2,
      onSetAside: (letter) => setAside.push(letter.subject),
    });
  });

  afterAll(async () => {
    await relay?.stop();
    await jsm?.streams.delete(names.evt).catch(() => undefined);
    await jsm?.streams.delete(names.dir).catch(() => undefined);
    await nc?.close();
    await t?.close();
  });

  it('sets aside a row over the server’s max_payload after bounded tries, publishes the other streams in order, and holds its stream behind it', async () => {
    await t.store.appendToStream(target('a'), 0, [happened(1)]);
    const big = await rawRow('checkins-big', eventSubject(t.node, 'stations', 'checkins', 'big', 'VisitsRecorded'), 1_200_000);
    await t.store.appendToStream(target('c'), 0, [happened(1), happened(2)]);
    // A later event of the refused row's stream: must not overtake it.
    const later = await rawRow('checkins-big', eventSubject(t.node, 'stations', 'checkins', 'big', 'VisitsRecorded'), 10);
    await t.store.appendToStream(target('a'), 1, [happened(2)]);

    relay.start();
    await eventually(async () => (await relay.deadLetterCount()) === 1, { what: 'the big row set aside' });
    await relay.drain();

    const [letter] = await relay.deadLetters({ limit: 10 });
    expect(letter).toMatchObject({ position: big, streamId: 'checkins-big', attempts: 2 });
    expect(letter!.reason).toMatch(/payload|size|exceed/i);
    expect(letter!.bytes).toBeGreaterThan(1_200_000);
    expect(setAside).toHaveLength(1);

    const stored = await storedSubjects();
    const of = (id: string) => Object.entries(stored).filter(([subject]) => subject.includes(`.station.${id}.`)).reduce((n, [, count]) => n + count, 0);
    expect(of('a')).toBe(2);
    expect(of('c')).toBe(2);
    expect(Object.keys(stored).some((subject) => subject.includes('.checkins.big.'))).toBe(false);
    expect(await outboxRows()).toEqual(['checkins-big']);
    expect((await t.db.selectFrom('outbox').select('position').executeTakeFirstOrThrow()).position).toBe(later);
  });

  it('a retry that is refused again keeps it aside; a discard lets its stream flow', async () => {
    const [letter] = await relay.deadLetters({ limit: 10 });
    expect(await relay.retryDeadLetter(letter!.position)).toMatchObject({ outcome: 'refused' });
    expect((await relay.deadLetters({ limit: 10 }))[0]!.attempts).toBe(3);

    expect(await relay.discardDeadLetter(letter!.position)).toBe(true);
    await eventually(async () => (await outboxRows()).length === 0, { what: 'the held row published' });
    expect(Object.keys(await storedSubjects()).filter((subject) => subject.includes('.checkins.big.'))).toHaveLength(1);
    expect(await relay.deadLetterCount()).toBe(0);
  });

  it('sets aside a row no stream takes, and a retry publishes it once a stream does', async () => {
    // A subject outside the node's EVT (as a misconfigured or renamed stream would leave it).
    const stray = `stray.${t.node.code}.thing`;
    const position = await rawRow('stray-1', stray, 10);
    await eventually(async () => (await relay.deadLetterCount()) === 1, { what: 'the stray row set aside' });
    const [letter] = await relay.deadLetters({ limit: 10 });
    expect(letter).toMatchObject({ position, subject: stray });
    expect(letter!.reason).toMatch(/no stream/);

    await jsm.streams.add({ name: `STRAY_${t.node.code}`, subjects: [`stray.${t.node.code}.>`] });
    try {
      expect(await relay.retryDeadLetter(position)).toEqual({ outcome: 'published' });
      expect(await relay.retryDeadLetter(position)).toEqual({ outcome: 'gone' });
      expect((await jsm.streams.info(`STRAY_${t.node.code}`)).state.messages).toBe(1);
    } finally {
      await jsm.streams.delete(`STRAY_${t.node.code}`);
    }
    expect((await sql<{ n: number }>`select count(*)::int as n from outbox_dead_letters`.execute(t.db)).rows[0]!.n).toBe(0);
  });
});
