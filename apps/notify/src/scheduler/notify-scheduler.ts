import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { DailyDigest } from './digest';
import { Reminders } from './reminders';

/**
 * The clock's side of notify: every NOTIFY_POLL_MS, and whenever an intake batch has queued
 * something, due deliveries are sent, due reminders fired and the day's digest composed. Passes never overlap; a pass that finds a full batch runs again
 * at once. Everything it does is keyed and locked in the database, so several processes (or a
 * restart half-way) change nothing twice.
 */
@Injectable()
export class NotifyScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('NotifyScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private again = false;


  constructor(
    private readonly deliveries: DeliveryWorker,
    private readonly reminders: Reminders,
    private readonly digest: DailyDigest,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.manualPasses) this.timer = setInterval(() => void this.tick(), this.config.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass now (or the pass in progress): tests and benchmarks call it to settle. */
  tick(): Promise<void> {
    this.running ??= this.pass()
      .catch((error: unknown) => this.log.error(`pass failed: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.tick();
        }
      });
    return this.running;
  }

  /** New deliveries were queued (an intake batch committed): a pass now, or right after the one running. */
  wake(): void {
    if (this.stopped || this.config.manualPasses) return;
    if (this.running) this.again = true;
    else void this.tick();
  }

  private async pass(): Promise<void> {
    for (let round = 0; round < 20 && !this.stopped; round++) {
      const fired = await this.reminders.firePass();
      const sent = await this.deliveries.pass();
      if (fired === 0 && sent === 0) break;
    }
    if (!this.stopped) await this.digest.pass();
  }
}
