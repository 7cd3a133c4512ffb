import { Logger } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { ProjectionLeases } from '@ws/projections';

export interface PeriodicJobOptions<Result> {
  /** What the logs call it; with `leaseOn`, also its lease's name. */
  name: string;
  everyMs: number;
  /** `stopping` is aborted when the job stops: a long pass ends early at a point of its choosing. */
  pass: (stopping: AbortSignal) => Promise<Result>;
  /**
   * One process per service database runs the passes: each takes a lease on this database (a
   * session advisory lock, as the projections'), and a process that does not get it skips the pass.
   * Without it every process runs them (a job whose passes are idempotent across processes).
   */
  leaseOn?: Kysely<any>;
  /** A pass at start too, for work left while the service was down; otherwise the first comes after `everyMs`. */
  passAtStart?: boolean;
}

/** What a run answers: the pass's result, or `ran: false` when another process held the lease. */
export type PeriodicRun<Result> = { ran: true; result: Result } | { ran: false };

/**
 * A pass a service runs every so often (a sweep): `start` at the app's bootstrap, `stop` at its
 * shutdown (waits for a pass in progress); `run` for one pass now (tests, with an injected
 * clock); `wake` when work has come up between passes. Concurrent runs share the pass in
 * progress; a failed timed or woken pass is logged.
 */
export class PeriodicJob<Result> {
  private readonly logger: Logger;
  private readonly stopping = new AbortController();
  private timer?: NodeJS.Timeout;
  private running?: Promise<PeriodicRun<Result>>;
  /** Woken while a pass was running: one more right after it, which sees what the wake was for. */
  private again = false;

  constructor(private readonly options: PeriodicJobOptions<Result>) {
    this.logger = new Logger(options.name);
  }

  start(): void {
    this.timer = setInterval(() => this.runLogged(), this.options.everyMs);
    this.timer.unref();
    if (this.options.passAtStart) this.runLogged();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    await this.running?.catch(() => undefined);
  }

  run(): Promise<PeriodicRun<Result>> {
    this.running ??= this.leased().finally(() => {
      this.running = undefined;
      if (!this.again) return;
      this.again = false;
      this.wake();
    });
    return this.running;
  }

  /** Work has come up (a batch queued some): a pass now, or one more right after the pass in progress. Nothing unless started. */
  wake(): void {
    if (!this.timer) return;
    if (this.running) this.again = true;
    else this.runLogged();
  }

  private runLogged(): void {
    this.run().catch((error: unknown) => this.logger.error(`pass failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async leased(): Promise<PeriodicRun<Result>> {
    const { leaseOn, name, pass } = this.options;
    if (!leaseOn) return { ran: true, result: await pass(this.stopping.signal) };
    const leases = ProjectionLeases.of(leaseOn);
    try {
      if (!(await leases.tryAcquire(name, () => undefined))) return { ran: false };
      return { ran: true, result: await pass(this.stopping.signal) };
    } finally {
      await leases.release(name, true);
    }
  }
}
