import type { Kysely } from 'kysely';
import { nodeRef, type DomainEvent, type EventEnvelope } from '@ws/contracts';
import { createDb, EventStore, eventStoreMigrations, migrateToLatest, type EventStoreTables } from '@ws/eventstore';
import { Decider, DomainError, FixedClock } from '@ws/kernel';
import { createTestDatabase, testNodeCode, type TestDatabase } from '@ws/testing';
import { defineAggregate } from './aggregate';
import { CommandRunner } from './command-runner';

// A tally that may not pass 10: enough of a decider to see every part of the command path.
type TallyCommand = { type: 'Add'; n: number };
type TallyEvent = DomainEvent<'Added', { n: number; at: string }>;
const LIMIT = 10;
const tallyDecider: Decider<TallyCommand, TallyEvent, number> = {
  decide: (command, total, { now }) =>
    total + command.n > LIMIT ? new DomainError('limit_exceeded', `最多 ${LIMIT}`, 'n') : command.n === 0 ? [] : [{ type: 'Added', data: { n: command.n, at: now.toISOString() } }],
  evolve: (total, event) => total + event.data.n,
  initialState: () => 0,
};
const tally = defineAggregate({ context: 'test', aggregate: 'tally', decider: tallyDecider, schemas: { Added: 2 } });
const other = defineAggregate({ context: 'test', aggregate: 'other-tally', decider: tallyDecider, schemas: { Added: 1 } });

const NOW = '2026-11-23T08:00:00.000Z';
const added = (n: number): TallyEvent => ({ type: 'Added', data: { n, at: NOW } });

let database: TestDatabase;
let db: Kysely<EventStoreTables>;
let runner: CommandRunner;
let streams = 0;
const newId = () => `t${++streams}`;

beforeAll(async () => {
  database = await createTestDatabase('cr');
  db = createDb<EventStoreTables>(database.url, { max: 4 });
  await migrateToLatest(db, eventStoreMigrations);
  const clock = new FixedClock(new Date(NOW));
  runner = new CommandRunner(new EventStore(db, nodeRef(testNodeCode()), clock), clock);
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

/** The stream's events as the store holds them: type, data, schema and version. */
async function streamOf(streamId: string) {
  const rows = await db.selectFrom('events').select(['type', 'data', 'schema', 'stream_version']).where('stream_id', '=', streamId).orderBy('global_position').execute();
  return rows.map((row) => ({ type: row.type, data: row.data, schema: row.schema, version: row.stream_version }));
}

/** given(events on a new tally stream) → the stream's id, for when/then. */
async function given(events: TallyEvent[]): Promise<string> {
  const id = newId();
  await runner.append(tally, id, 0, events);
  return id;
}

describe('defineAggregate', () => {
  it('names the stream and the target from the aggregate, never by hand', () => {
    expect(tally.streamId('7')).toBe('tally-7');
    expect(tally.target('7')).toEqual({ context: 'test', aggregate: 'tally', aggregateId: '7' });
  });
});

describe('CommandRunner.run (given events → when command → then events)', () => {
  it('folds the stream, decides at the clock’s time and appends at the version read, stamping the schema', async () => {
    const id = await given([added(3), added(4)]);
    const result = await runner.run(tally, id, { type: 'Add', n: 2 });
    expect(result.state).toBe(9);
    expect(result.version).toBe(3);
    expect(result.events.map((e: EventEnvelope) => [e.streamId, e.streamVersion, e.schema])).toEqual([[`tally-${id}`, 3, 2]]);
    expect(await streamOf(tally.streamId(id))).toEqual([
      { type: 'Added', data: { n: 3, at: NOW }, schema: 2, version: 1 },
      { type: 'Added', data: { n: 4, at: NOW }, schema: 2, version: 2 },
      { type: 'Added', data: { n: 2, at: NOW }, schema: 2, version: 3 },
    ]);
  });

  it('throws the decider’s refusal and appends nothing', async () => {
    const id = await given([added(9)]);
    const refusal = await runner.run(tally, id, { type: 'Add', n: 2 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'limit_exceeded', field: 'n' });
    expect(await streamOf(tally.streamId(id))).toHaveLength(1);
  });

  it('answers version_conflict when the caller’s If-Match is not the stream’s version', async () => {
    const id = await given([added(1)]);
    await expect(runner.run(tally, id, { type: 'Add', n: 1 }, { expectedVersion: 0 })).rejects.toMatchObject({ code: 'version_conflict', details: { expected: 0, actual: 1 } });
    const result = await runner.run(tally, id, { type: 'Add', n: 1 }, { expectedVersion: 1 });
    expect(result.version).toBe(2);
  });

  it('gives a command function the state it decides on, and writes what goes alongside and after in the same transaction', async () => {
    const id = await given([added(5)]);
    const seen: number[] = [];
    await expect(
      runner.run(
        tally,
        id,
        (total) => {
          seen.push(total);
          return { type: 'Add', n: 1 };
        },
        {
          afterAppend: async (_trx, written) => {
            expect(written.map((e) => e.streamVersion)).toEqual([2]);
            throw new Error('the write after the append failed');
          },
        },
      ),
    ).rejects.toThrow('the write after the append failed');
    expect(seen).toEqual([5]);
    expect(await streamOf(tally.streamId(id))).toHaveLength(1);
  });

  it('reads and writes through the caller’s transaction: its rollback takes the events with it', async () => {
    const id = await given([added(1)]);
    await db
      .transaction()
      .execute(async (trx) => {
        await runner.run(tally, id, { type: 'Add', n: 2 }, { trx });
        const inside = await runner.run(tally, id, { type: 'Add', n: 3 }, { trx });
        expect(inside).toMatchObject({ state: 6, version: 3 });
        throw new Error('the caller gives up');
      })
      .catch(() => undefined);
    expect((await runner.load(tally, id)).version).toBe(1);
  });

  it('decides again on a version conflict when asked to (reactions, schedulers)', async () => {
    const id = await given([]);
    let attempts = 0;
    const result = await runner.run(
      tally,
      id,
      async () => {
        attempts += 1;
        // Another writer gets in between this attempt's read and its append, once.
        if (attempts === 1) await runner.append(tally, id, 0, [added(4)]);
        return { type: 'Add', n: 1 };
      },
      { retryOnConflict: true },
    );
    expect(attempts).toBe(2);
    expect(result).toMatchObject({ state: 5, version: 2 });
  });

  it('appends nothing when the decider has nothing to say', async () => {
    const id = await given([added(2)]);
    const result = await runner.run(tally, id, { type: 'Add', n: 0 });
    expect(result).toMatchObject({ state: 2, version: 1, events: [] });
  });
});

describe('CommandRunner.loadMany and appendMany (changes that span streams)', () => {
  it('loads many streams of one aggregate in one query; a stream without events is at its initial state', async () => {
    const a = await given([added(1), added(2)]);
    const b = await given([added(7)]);
    const none = newId();
    const loaded = await runner.loadMany(tally, [a, none, b]);
    expect([...loaded].map(([id, l]) => [id, l.state, l.version])).toEqual([
      [a, 3, 2],
      [none, 0, 0],
      [b, 7, 1],
    ]);
  });

  it('appends to streams of several aggregates at once, each stamped by its own definition, or to none', async () => {
    const a = await given([added(1)]);
    const b = newId();
    await runner.appendMany([
      { aggregate: tally, id: a, expectedVersion: 1, events: [added(1)] },
      { aggregate: other, id: b, expectedVersion: 0, events: [added(2)] },
    ]);
    expect((await streamOf(tally.streamId(a))).map((e) => e.schema)).toEqual([2, 2]);
    expect(await streamOf(other.streamId(b))).toEqual([{ type: 'Added', data: { n: 2, at: NOW }, schema: 1, version: 1 }]);

    await expect(
      runner.appendMany([
        { aggregate: other, id: b, expectedVersion: 1, events: [added(1)] },
        { aggregate: tally, id: a, expectedVersion: 1, events: [added(1)] },
      ]),
    ).rejects.toMatchObject({ code: 'version_conflict' });
    expect(await streamOf(other.streamId(b))).toHaveLength(1);
  });
});

/** What the runner reads of `streamId`: from which version and how many rows (readStreamFrom), and whether it read it whole (readStream). */
function readsOf(streamId: string) {
  const from = jest.spyOn(EventStore.prototype, 'readStreamFrom');
  const full = jest.spyOn(EventStore.prototype, 'readStream');
  return {
    full,
    rowsRead: async () => {
      const ours = from.mock.calls.map((call, i) => ({ call, result: from.mock.results[i]! })).filter(({ call }) => call[0] === streamId);
      return Promise.all(ours.map(async ({ call, result }) => ({ from: call[1], rows: (await result.value).length })));
    },
    restore: () => {
      from.mockRestore();
      full.mockRestore();
    },
  };
}

describe('CommandRunner.run with kept states (an aggregate defined with keptStates)', () => {
  const keptTally = defineAggregate({ context: 'test', aggregate: 'kept-tally', decider: tallyDecider, schemas: { Added: 1 }, keptStates: 2 });
  /** Another process's runner on the same database: it keeps its own states. */
  let elsewhere: CommandRunner;
  beforeAll(() => {
    const clock = new FixedClock(new Date(NOW));
    elsewhere = new CommandRunner(new EventStore(db, nodeRef(testNodeCode()), clock), clock);
  });

  it('reads only the events since its kept state, and still sees another writer’s', async () => {
    const id = newId();
    await runner.run(keptTally, id, { type: 'Add', n: 2 });
    const fullReads = jest.spyOn(EventStore.prototype, 'readStream');
    try {
      await runner.run(keptTally, id, { type: 'Add', n: 3 });
      await elsewhere.run(keptTally, id, { type: 'Add', n: 4 });
      // The kept state says 5; the stream says 9 (the other writer's 4): 2 more would pass 10.
      await expect(runner.run(keptTally, id, { type: 'Add', n: 2 })).rejects.toMatchObject({ code: 'limit_exceeded' });
      expect((await runner.run(keptTally, id, { type: 'Add', n: 1 })).state).toBe(10);
      // Only `elsewhere`'s first command read the whole stream.
      expect(fullReads).toHaveBeenCalledTimes(1);
    } finally {
      fullReads.mockRestore();
    }
  });

  it('folds the whole stream again when the event at the kept version is not the one it folded', async () => {
    const id = newId();
    await runner.run(keptTally, id, { type: 'Add', n: 6 });
    await db.deleteFrom('events').where('stream_id', '=', keptTally.streamId(id)).execute();
    await elsewhere.run(keptTally, id, { type: 'Add', n: 1 });
    // Kept: 6 at version 1; the stream now holds 1 at version 1.
    expect((await runner.run(keptTally, id, { type: 'Add', n: 9 })).state).toBe(10);
  });

  it('keeps the state a caller’s transaction decided once it has committed: the next command reads only the events since', async () => {
    const id = newId();
    await runner.run(keptTally, id, { type: 'Add', n: 1 });
    await runner.transaction(async (trx) => {
      await runner.run(keptTally, id, { type: 'Add', n: 2 }, { trx });
      await runner.run(keptTally, id, { type: 'Add', n: 3 }, { trx });
    });
    const reads = readsOf(keptTally.streamId(id));
    try {
      expect((await runner.run(keptTally, id, { type: 'Add', n: 4 })).state).toBe(10);
      // From the transaction's last event (version 3) on, not from the state before it (version 1).
      expect(await reads.rowsRead()).toEqual([{ from: 3, rows: 1 }]);
      expect(reads.full).not.toHaveBeenCalled();
    } finally {
      reads.restore();
    }
  });

  it('keeps no state of a command run in the caller’s transaction that then rolled back', async () => {
    const id = newId();
    await runner.run(keptTally, id, { type: 'Add', n: 1 });
    await runner
      .transaction(async (trx) => {
        await runner.run(keptTally, id, { type: 'Add', n: 8 }, { trx });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    const reads = readsOf(keptTally.streamId(id));
    try {
      expect((await runner.run(keptTally, id, { type: 'Add', n: 9 })).state).toBe(10);
      // From the committed state (version 1): a kept rolled-back state would have read from version 2.
      expect(await reads.rowsRead()).toEqual([{ from: 1, rows: 1 }]);
      expect(reads.full).not.toHaveBeenCalled();
    } finally {
      reads.restore();
    }
  });

  it('in a caller’s transaction (a reaction’s batch) reads from a kept state too, and sees the transaction’s own events', async () => {
    const id = newId();
    await runner.run(keptTally, id, { type: 'Add', n: 2 });
    const fullReads = jest.spyOn(EventStore.prototype, 'readStream');
    try {
      await runner.transaction(async (trx) => {
        await runner.run(keptTally, id, { type: 'Add', n: 3 }, { trx });
        // 2 + 3 in this transaction: 6 more would pass 10.
        await expect(runner.run(keptTally, id, { type: 'Add', n: 6 }, { trx })).rejects.toMatchObject({ code: 'limit_exceeded' });
      });
      expect((await runner.run(keptTally, id, { type: 'Add', n: 5 })).state).toBe(10);
      expect(fullReads).not.toHaveBeenCalled();
    } finally {
      fullReads.mockRestore();
    }
  });

  it('forgets the least recently used streams beyond its capacity, and reads them whole again', async () => {
    const [a, b, c] = [newId(), newId(), newId()];
    for (const id of [a, b, c]) await runner.run(keptTally, id, { type: 'Add', n: 1 });
    const fullReads = jest.spyOn(EventStore.prototype, 'readStream');
    try {
      expect((await runner.run(keptTally, a, { type: 'Add', n: 1 })).state).toBe(2);
      expect((await runner.run(keptTally, c, { type: 'Add', n: 1 })).state).toBe(2);
      expect(fullReads).toHaveBeenCalledTimes(1);
    } finally {
      fullReads.mockRestore();
    }
  });
});
