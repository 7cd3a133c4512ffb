import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kysely } from 'kysely';
import { Counter, Gauge, Registry } from 'prom-client';
import { EventStoreTables, OutboxRelay } from '@ws/eventstore';
import { JetStreamOutboxPublisher, type BusConnection } from '@ws/messaging';
import { OUTBOX_FLUSH_ON_STOP_MS } from './graceful-stop';
import { DB, METRICS_REGISTRY, NATS } from './tokens';

/** Publishes the service's committed outbox rows to the node's EVT stream. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  readonly relay: OutboxRelay;

  constructor(
    @Inject(DB) db: Kysely<EventStoreTables>,
    @Inject(NATS) nc: BusConnection,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    const setAside = new Counter({ name: 'ws_outbox_dead_lettered_total', help: 'Outbox rows the bus refused and the relay set aside', registers: [registry] });
    this.relay = new OutboxRelay(db, new JetStreamOutboxPublisher(nc), { logger: this.logger, onSetAside: () => setAside.inc() });
    const relay = this.relay;
    new Gauge({
      name: 'ws_outbox_dead_letters',
      help: 'Outbox rows set aside now (waiting for a retry or a discard)',
      registers: [registry],
      async collect() {
        this.set(await relay.deadLetterCount().catch(() => Number.NaN));
      },
    });
    new Counter({
      name: 'ws_outbox_published_total',
      help: 'Events the outbox relay published to JetStream',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(relay.published);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  /**
   * Runs once HTTP is closed and every command has committed: stops the relay's loop, then
   * publishes what the outbox still holds, for at most OUTBOX_FLUSH_ON_STOP_MS (the bus may be
   * away: what is left waits in the outbox for the next start).
   */
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    let timer: NodeJS.Timeout | undefined;
    const flushed = await Promise.race([
      this.relay.drain().then(
        () => true,
        (error: unknown) => {
          this.logger.warn(`outbox not flushed on stop: ${String(error)}`);
          return false;
        },
      ),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), OUTBOX_FLUSH_ON_STOP_MS))),
    ]);
    clearTimeout(timer);
    if (!flushed) this.logger.warn('outbox not flushed on stop: the next start publishes what is left');
  }
}
