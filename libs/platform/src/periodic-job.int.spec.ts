import type { Kysely } from 'kysely';
import { createDb } from '@ws/eventstore';
import { createTestDatabase, type TestDatabase } from '@ws/testing';
import { PeriodicJob } from './periodic-job';

/** A job on one process's database whose pass is given by the test. */
class TestSweep extends PeriodicJob<string> {
  constructor(
    db: Kysely<any>,
    private readonly sweep: () => Promise<string>,
  ) {
    super({ name: 'test-sweep', everyMs: 3_600_000, leaseOn: db });
  }

  protected pass(): Promise<string> {
    return this.sweep();
  }
}

/** Two processes of a service (two pools, two session connections) on one database, each with the same leased job. */
describe('a periodic job with a lease (real Postgres)', () => {
  let database: TestDatabase;
  let processes: Array<Kysely<any>>;

  beforeAll(async () => {
    database = await createTestDatabase('pj');
    processes = [createDb(database.url, { max: 1 }), createDb(database.url, { max: 1 })];
  });

  afterAll(async () => {
    await Promise.all(processes.map((db) => db.destroy()));
    await database.drop();
  });

  it('runs in one process at a time: the other skips the pass while the first holds the lease, and runs once it is free', async () => {
    let began!: () => void;
    let finish!: () => void;
    const begun = new Promise<void>((resolve) => (began = resolve));
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const passes: string[] = [];
    const first = new TestSweep(processes[0]!, async () => {
      began();
      await finished;
      passes.push('first');
      return 'first';
    });
    const second = new TestSweep(processes[1]!, async () => (passes.push('second'), 'second'));

    // The first holds the lease once its pass has begun.
    const running = first.run();
    await begun;
    expect(first.run()).toBe(running); // a second call shares the pass in progress
    expect(await second.run()).toEqual({ ran: false });
    finish();
    expect(await running).toEqual({ ran: true, result: 'first' });
    expect(await second.run()).toEqual({ ran: true, result: 'second' });
    expect(passes).toEqual(['first', 'second']);
    await Promise.all([first.onApplicationShutdown(), second.onApplicationShutdown()]);
  });
});
