import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob } from '@ws/platform';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { DailyDigest } from './digest';
import { Reminders } from './reminders';

/**
 * The clock's side of notify: every NOTIFY_POLL_MS, and whenever an intake batch has queued
 * something (`wake`), due deliveries are sent, due reminders fired and the day's digest composed. Passes never overlap; a pass that finds a full batch runs again
 * at once. Everything it does is keyed and locked in the database, so every process runs the
 * passes (no lease: they share the deliveries out) and a restart half-way changes nothing twice.
 * Tests call `run` to settle.
 */
@Injectable()
export class NotifyScheduler extends PeriodicJob<void> {
  constructor(
    private readonly deliveries: DeliveryWorker,
    private readonly reminders: Reminders,
    private readonly digest: DailyDigest,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
  ) {
    super({ name: 'NotifyScheduler', everyMs: config.pollMs });
  }

  /** With manual passes the timer never starts, and `wake` does nothing: only `run` passes. */
  override onApplicationBootstrap(): void {
    if (!this.config.manualPasses) super.onApplicationBootstrap();
  }

  protected async pass(stopping: AbortSignal): Promise<void> {
    for (let round = 0; round < 20 && !stopping.aborted; round++) {
      const fired = await this.reminders.firePass();
      const sent = await this.deliveries.pass();
      if (fired === 0 && sent === 0) break;
    }
    if (!stopping.aborted) await this.digest.pass();
  }
}
