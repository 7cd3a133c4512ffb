import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import { EventStore } from '@ws/eventstore';
import { CLOCK, type Clock } from '@ws/kernel';
import { DB, JETSTREAM, JETSTREAM_MANAGER, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { ProjectionRunner } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';
import { DirectiveInbox } from './directive-inbox';

/**
 * Runs the DIR inbox with its own checkpoint (the platform's projections read the EVT stream;
 * this one reads the DIR, whose directives come from the node's ancestors).
 */
@Injectable()
export class DirectiveInboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runner: ProjectionRunner;

  constructor(
    @Inject(DB) db: Kysely<StationsDatabase>,
    @Inject(JETSTREAM) js: JetStreamClient,
    @Inject(JETSTREAM_MANAGER) jsm: JetStreamManager,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    @Inject(CLOCK) clock: Clock,
    store: EventStore,
  ) {
    const inbox = new DirectiveInbox(config.node, store, () => clock.now());
    this.runner = new ProjectionRunner(db, js, jsm, inbox, { stream: config.streams.dir, logger: new Logger('DirectiveInbox') });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  /** Resolves once every directive the DIR stream holds now is handled. */
  catchUp(timeoutMs = 30_000): Promise<void> {
    return this.runner.catchUp(timeoutMs);
  }
}
