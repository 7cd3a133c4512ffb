import { PeriodicJob } from './periodic-job';

/** An interval no test waits for: the passes here are the ones at start, woken or run. */
const NEVER_MS = 3_600_000;

/** Passes that each wait until the test lets them finish; the n-th answers n. */
class HeldPasses {
  readonly finish: Array<() => void> = [];
  readonly stopping: AbortSignal[] = [];
  private waiter?: { count: number; resolve: () => void };

  readonly pass = (stopping: AbortSignal): Promise<number> =>
    new Promise<number>((resolve) => {
      const n = this.finish.push(() => resolve(n));
      this.stopping.push(stopping);
      if (this.waiter && n >= this.waiter.count) this.waiter.resolve();
    });

  /** Resolves once `count` passes have begun. */
  begun(count: number): Promise<void> {
    if (this.finish.length >= count) return Promise.resolve();
    return new Promise<void>((resolve) => (this.waiter = { count, resolve }));
  }
}

describe('a periodic job', () => {
  it('passes at start only when asked to', async () => {
    const passes = new HeldPasses();
    const job = new PeriodicJob({ name: 'test-job', everyMs: NEVER_MS, pass: passes.pass });
    job.start();
    expect(passes.finish).toHaveLength(0);
    await job.stop();
  });

  it('passes at start, runs one more pass after the one in progress however often it is woken, and nothing once stopped', async () => {
    const passes = new HeldPasses();
    const job = new PeriodicJob({ name: 'test-job', everyMs: NEVER_MS, pass: passes.pass, passAtStart: true });
    job.wake(); // not started: nothing
    expect(passes.finish).toHaveLength(0);

    job.start();
    await passes.begun(1);
    job.wake();
    job.wake();
    expect(passes.finish).toHaveLength(1); // woken during a pass: it waits for the pass to end
    passes.finish[0]!();
    await passes.begun(2);
    const second = job.run(); // shares the woken pass
    passes.finish[1]!();
    expect(await second).toEqual({ ran: true, result: 2 });
    expect(passes.finish).toHaveLength(2); // two wakes, one more pass

    job.wake();
    await passes.begun(3);
    const stopped = job.stop();
    expect(passes.stopping[2]!.aborted).toBe(true); // the pass in progress is told to end
    passes.finish[2]!();
    await stopped;
    job.wake();
    expect(passes.finish).toHaveLength(3);
  });
});
