import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { ProjectionLeases } from '@ws/projections';

export interface PeriodicJobOptions {
  /** What the logs call it; with `leaseOn`, also its lease's name. */
  name: string;
  everyMs: number;
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
 * A provider that runs a pass every so often (a sweep): its timer starts at the app's bootstrap
 * and stops at its shutdown (waiting for a pass in progress, whose `stopping` signal is aborted
 * so that a long pass can end early). A service's job extends it and writes `pass`. `run` is
 * one pass now (tests, with an injected clock); `wake` asks for one when work has come up
 * between passes. Concurrent runs share the pass in progress; a failed timed or woken pass is logged.
 */
export abstract class PeriodicJob<Result> implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Named after the job, for what its pass logs too. */
  protected readonly logger: Logger;
  private readonly stopping = new AbortController();
  private timer?: NodeJS.Timeout;
  private running?: Promise<PeriodicRun<Result>>;
  /** Woken while a pass was running: one more right after it, which sees what the wake was for. */
  private again = false;

  protected constructor(private readonly jobOptions: PeriodicJobOptions) {
    this.logger = new Logger(jobOptions.name);
  }

  protected abstract pass(stopping: AbortSignal): Promise<Result>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.runLogged(), this.jobOptions.everyMs);
    this.timer.unref();
    if (this.jobOptions.passAtStart) this.runLogged();
  }

  async onApplicationShutdown(): Promise<void> {
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
    const { leaseOn, name } = this.jobOptions;
    if (!leaseOn) return { ran: true, result: await this.pass(this.stopping.signal) };
    const leases = ProjectionLeases.of(leaseOn);
    try {
      if (!(await leases.tryAcquire(name, () => undefined))) return { ran: false };
      return { ran: true, result: await this.pass(this.stopping.signal) };
    } finally {
      await leases.release(name, true);
    }
  }
}
