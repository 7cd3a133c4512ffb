import { DomainError } from '@ws/kernel';
import { openTestStore, TestStore } from './testing/test-store';

let t: TestStore;
beforeAll(async () => (t = await openTestStore()));
afterAll(async () => t.close());

const application = (id: string) => ({ context: 'membership', aggregate: 'application', aggregateId: id });
const event = (n: number) => ({ type: 'ApplicationSubmitted', data: { n } });

describe('EventStore.appendToStreams (many streams, one statement)', () => {
  it('writes every stream at its expected version, with outbox rows in order', async () => {
    await t.store.appendToStream(application('m2'), 0, [event(0)]);
    const written = await t.store.appendToStreams([
      { target: application('m1'), expectedVersion: 0, events: [event(1), event(2)] },
      { target: application('m2'), expectedVersion: 1, events: [event(3)] },
    ]);
    expect(written.map((e) => [e.streamId, e.streamVersion])).toEqual([
      ['application-m1', 1],
      ['application-m1', 2],
      ['application-m2', 2],
    ]);
    expect((await t.store.readStream('application-m1')).events).toEqual(written.slice(0, 2));
    const outbox = await t.db.selectFrom('outbox').select('payload').orderBy('position').execute();
    expect(outbox.map((r) => JSON.parse(r.payload).eventId).slice(-3)).toEqual(written.map((e) => e.eventId));
  });

  it('writes nothing when any stream has moved, naming it', async () => {
    const before = await t.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const error = await t.store
      .appendToStreams([
        { target: application('m3'), expectedVersion: 0, events: [event(4)] },
        { target: application('m1'), expectedVersion: 1, events: [event(5)] },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'version_conflict', details: { expected: 1, actual: 2 } });
    const after = await t.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await t.store.readStream('application-m3')).version).toBe(0);
  });

  it('refuses the same stream twice in one call', async () => {
    await expect(
      t.store.appendToStreams([
        { target: application('m4'), expectedVersion: 0, events: [event(6)] },
        { target: application('m4'), expectedVersion: 0, events: [event(7)] },
      ]),
    ).rejects.toThrow(/only once/);
  });
});
