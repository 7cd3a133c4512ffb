import { sql, Transaction } from 'kysely';
import { BatchingAppender } from './batching-appender';
import type { UnversionedAppend } from './event-store';
import { openTestStore, TestStore } from './testing/test-store';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
  await sql`create table claimed_keys (key text primary key)`.execute(t.db);
});
afterAll(async () => t.close());

interface Visit {
  key: string;
  station: string;
}
type Outcome = 'recorded' | 'duplicate';

/** What a check-in service does: claim idempotency keys in the batch transaction, one event per fresh key. */
function visitsAppender(options: { maxBatch?: number; maxWaitMs?: number; poison?: string } = {}) {
  const batches: Visit[][] = [];
  const appender = new BatchingAppender<Visit, Outcome>(t.store, {
    ...options,
    process: async (trx: Transaction<any>, visits) => {
      batches.push(visits);
      const { rows } = await sql<{ key: string }>`
        insert into claimed_keys (key) select unnest(${visits.map((v) => v.key)}::text[])
        on conflict do nothing returning key`.execute(trx);
      const fresh = new Set(rows.map((r) => r.key));
      if (visits.some((v) => v.key === options.poison)) throw new Error('poisoned batch');
      const appends: UnversionedAppend[] = [];
      const results = visits.map((visit): Outcome => {
        if (!fresh.delete(visit.key)) return 'duplicate';
        appends.push({ target: { context: 'stations', aggregate: 'checkins', aggregateId: visit.station }, event: { type: 'VisitRecorded', data: visit } });
        return 'recorded';
      });
      return { results, appends };
    },
  });
  return { appender, batches };
}

async function recordedKeys(): Promise<string[]> {
  const rows = await t.db.selectFrom('events').select('data').where('type', '=', 'VisitRecorded').execute();
  return rows.map((r) => (r.data as Visit).key).sort();
}

async function clear(): Promise<void> {
  await sql`truncate events, outbox, claimed_keys`.execute(t.db);
}

describe('BatchingAppender', () => {
  beforeEach(clear);

  it('answers 500 concurrent submits from fewer transactions, each with its own result, every event written once', async () => {
    const { appender, batches } = visitsAppender({ maxBatch: 200, maxWaitMs: 5 });
    const visits = Array.from({ length: 500 }, (_, i) => ({ key: `k${i % 450}`, station: `s${i % 7}` }));
    const results = await Promise.all(visits.map((v) => appender.submit(v)));
    await appender.close();

    expect(batches.length).toBeLessThan(500);
    expect(batches.flat()).toHaveLength(500);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(200);
    const recorded = visits.filter((_, i) => results[i] === 'recorded').map((v) => v.key);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(50);
    expect(new Set(recorded).size).toBe(450);
    expect(await recordedKeys()).toEqual([...recorded].sort());
    expect(await t.db.selectFrom('outbox').select('event_id').execute()).toHaveLength(450);
    console.log(`BatchingAppender: 500 submits in ${batches.length} transactions`);
  });

  it('rejects every submitter of a failing batch and nobody else; the failed batch leaves no trace', async () => {
    const { appender, batches } = visitsAppender({ maxBatch: 10, maxWaitMs: 20, poison: 'k15' });
    const visits = Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, station: 's1' }));
    const outcomes = await Promise.allSettled(visits.map((v) => appender.submit(v)));
    await appender.close();

    const poisoned = batches.find((b) => b.some((v) => v.key === 'k15'))!;
    const poisonedKeys = new Set(poisoned.map((v) => v.key));
    expect(poisoned.length).toBeGreaterThan(0);
    outcomes.forEach((outcome, i) => {
      if (poisonedKeys.has(visits[i]!.key)) expect(outcome).toMatchObject({ status: 'rejected', reason: new Error('poisoned batch') });
      else expect(outcome).toEqual({ status: 'fulfilled', value: 'recorded' });
    });
    const expected = visits.map((v) => v.key).filter((k) => !poisonedKeys.has(k)).sort();
    expect(await recordedKeys()).toEqual(expected);
    const claimed = await sql<{ key: string }>`select key from claimed_keys order by key`.execute(t.db);
    expect(claimed.rows.map((r) => r.key)).toEqual(expected);
  });

  it('rejects all submitters of a batch whose process returns the wrong number of results', async () => {
    const appender = new BatchingAppender<number, number>(t.store, { process: async () => ({ results: [1], appends: [] }) });
    const outcomes = await Promise.allSettled([appender.submit(1), appender.submit(2)]);
    await appender.close();
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });

  it('answers what is pending on close and refuses submits afterwards', async () => {
    const { appender } = visitsAppender({ maxWaitMs: 10_000 });
    const pending = appender.submit({ key: 'late', station: 's1' });
    await appender.close();
    await expect(pending).resolves.toBe('recorded');
    await expect(appender.submit({ key: 'later', station: 's1' })).rejects.toThrow(/closed/);
    expect(await recordedKeys()).toEqual(['late']);
  });
});
