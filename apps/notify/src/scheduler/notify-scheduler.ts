import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '@ws/platform';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { DailyDigest } from './digest';
import { Reminders } from './reminders';

/**
 * The clock's side of notify: every NOTIFY_POLL_MS, and whenever an intake batch has queued
 * something, due deliveries are sent, due reminders fired and the day's digest composed. Passes never overlap; a pass that finds a full batch runs again
 * at once. Everything it does is keyed and locked in the database, so every process runs the
 * passes (no lease: they share the deliveries out) and a restart half-way changes nothing twice.
 */
@Injectable()
export class NotifyScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob<void>;

  constructor(
    private readonly deliveries: DeliveryWorker,
    private readonly reminders: Reminders,
    private readonly digest: DailyDigest,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
  ) {
    this.job = new PeriodicJob({ name: 'NotifyScheduler', everyMs: config.pollMs, pass: (stopping) => this.pass(stopping) });
  }

  onApplicationBootstrap(): void {
    if (!this.config.manualPasses) this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One pass now (or the pass in progress), failing if it fails: tests call it to settle. */
  async tick(): Promise<void> {
    await this.job.run();
  }

  /** New deliveries were queued (an intake batch committed): a pass now, or right after the one running. */
  wake(): void {
    this.job.wake();
  }

  private async pass(stopping: AbortSignal): Promise<void> {
    for (let round = 0; round < 20 && !stopping.aborted; round++) {
      const fired = await this.reminders.firePass();
      const sent = await this.deliveries.pass();
      if (fired === 0 && sent === 0) break;
    }
    if (!stopping.aborted) await this.digest.pass();
  }
}
