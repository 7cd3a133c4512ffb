import { PeriodicJob } from './periodic-job';

/** A job whose passes each wait until the test lets them finish; the n-th answers n. */
class HeldJob extends PeriodicJob<number> {
  readonly finish: Array<() => void> = [];
  readonly stoppings: AbortSignal[] = [];
  private waiter?: { count: number; resolve: () => void };

  constructor(passAtStart: boolean) {
    // An interval no test waits for: the passes here are the ones at start, woken or run.
    super({ name: 'test-job', everyMs: 3_600_000, passAtStart });
  }

  /** Resolves once `count` passes have begun. */
  begun(count: number): Promise<void> {
    if (this.finish.length >= count) return Promise.resolve();
    return new Promise<void>((resolve) => (this.waiter = { count, resolve }));
  }

  protected pass(stopping: AbortSignal): Promise<number> {
    return new Promise<number>((resolve) => {
      const n = this.finish.push(() => resolve(n));
      this.stoppings.push(stopping);
      if (this.waiter && n >= this.waiter.count) this.waiter.resolve();
    });
  }
}

describe('a periodic job', () => {
  it('passes at start only when asked to', async () => {
    const job = new HeldJob(false);
    job.onApplicationBootstrap();
    expect(job.finish).toHaveLength(0);
    await job.onApplicationShutdown();
  });

  it('passes at start, runs one more pass after the one in progress however often it is woken, and nothing once stopped', async () => {
    const job = new HeldJob(true);
    job.wake(); // not started: nothing
    expect(job.finish).toHaveLength(0);

    job.onApplicationBootstrap();
    await job.begun(1);
    job.wake();
    job.wake();
    expect(job.finish).toHaveLength(1); // woken during a pass: it waits for the pass to end
    job.finish[0]!();
    await job.begun(2);
    const second = job.run(); // shares the woken pass
    job.finish[1]!();
    expect(await second).toEqual({ ran: true, result: 2 });
    expect(job.finish).toHaveLength(2); // two wakes, one more pass

    job.wake();
    await job.begun(3);
    const stopped = job.onApplicationShutdown();
    expect(job.stoppings[2]!.aborted).toBe(true); // the pass in progress is told to end
    job.finish[2]!();
    await stopped;
    job.wake();
    expect(job.finish).toHaveLength(3);
  });
});
