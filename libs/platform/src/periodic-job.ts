import { Logger } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { ProjectionLeases } from '@ws/projections';

export interface PeriodicJobOptions<Result> {
  /** What the logs call it; with `leaseOn`, also its lease's name. */
  name: string;
  everyMs: number;
  pass: () => Promise<Result>;
  /**
   * One process per service database runs the passes: each takes a lease on this database (a
   * session advisory lock, as the projections'), and a process that does not get it skips the pass.
   * Without it every process runs them (a job whose passes are idempotent across processes).
   */
  leaseOn?: Kysely<any>;
}

/** What a run answers: the pass's result, or `ran: false` when another process held the lease. */
export type PeriodicRun<Result> = { ran: true; result: Result } | { ran: false };

/**
 * A pass a service runs every so often (a sweep): `start` at the app's bootstrap, `stop` at its
 * shutdown (waits for a pass in progress); `run` for one pass now (tests, with an injected
 * clock). Concurrent runs share the pass in progress; a failed timed pass is logged.
 */
export class PeriodicJob<Result> {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<PeriodicRun<Result>>;

  constructor(private readonly options: PeriodicJobOptions<Result>) {
    this.logger = new Logger(options.name);
  }

  start(): void {
    this.timer = setInterval(() => void this.run().catch((error: unknown) => this.logger.error(`pass failed: ${error instanceof Error ? error.message : String(error)}`)), this.options.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  run(): Promise<PeriodicRun<Result>> {
    this.running ??= this.leased().finally(() => (this.running = undefined));
    return this.running;
  }

  private async leased(): Promise<PeriodicRun<Result>> {
    const { leaseOn, name, pass } = this.options;
    if (!leaseOn) return { ran: true, result: await pass() };
    const leases = ProjectionLeases.of(leaseOn);
    try {
      if (!(await leases.tryAcquire(name, () => undefined))) return { ran: false };
      return { ran: true, result: await pass() };
    } finally {
      await leases.release(name, true);
    }
  }
}
