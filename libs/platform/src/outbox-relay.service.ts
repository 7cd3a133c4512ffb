import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kysely } from 'kysely';
import { Counter, Registry } from 'prom-client';
import { EventStoreTables, OutboxRelay } from '@ws/eventstore';
import { JetStreamOutboxPublisher } from '@ws/messaging';
import { DB, METRICS_REGISTRY, NATS } from './tokens';

/** Publishes the service's committed outbox rows to the node's EVT stream. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  readonly relay: OutboxRelay;

  constructor(
    @Inject(DB) db: Kysely<EventStoreTables>,
    @Inject(NATS) nc: NatsConnection,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.relay = new OutboxRelay(db, new JetStreamOutboxPublisher(nc), { logger: this.logger });
    const relay = this.relay;
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

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
