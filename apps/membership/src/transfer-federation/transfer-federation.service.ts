import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import { JETSTREAM, JETSTREAM_MANAGER, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { ProjectionRunner } from '@ws/projections';
import type { MembershipDatabase } from '../db/database';
import { PersonalDataVault } from '../personal-data/personal-data.vault';
import { Aggregates } from '../shared/aggregates';
import { HandoverService } from './handover.service';
import { TransferInbox } from './transfer-inbox';
import { TransferRouter } from './transfer-router';

/**
 * Cross-node transfers at this node: the router (facts of the subtree → directives down, where
 * this node is the common ancestor) over EVT, and the inbox (directives addressed here) over
 * DIR. Both keep their checkpoint in the same transaction as their effects.
 */
@Injectable()
export class TransferFederationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TransferFederation');
  private readonly runners: ProjectionRunner[];

  constructor(
    aggregates: Aggregates,
    @Inject(JETSTREAM) js: JetStreamClient,
    @Inject(JETSTREAM_MANAGER) jsm: JetStreamManager,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    @Inject(PersonalDataVault) vault: PersonalDataVault,
    handover: HandoverService,
  ) {
    const db = aggregates.db as Kysely<MembershipDatabase>;
    const now = () => aggregates.now();
    this.runners = [
      new ProjectionRunner(db, js, jsm, new TransferRouter(config.node, aggregates.store, now), { stream: config.streams.evt, logger: this.logger }),
      new ProjectionRunner(db, js, jsm, new TransferInbox(config.node, aggregates, vault, () => handover.fetchWaiting()), {
        stream: config.streams.dir,
        logger: this.logger,
      }),
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const runner of this.runners) await runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /** Resolves once both have handled what their streams hold now. */
  async catchUp(timeoutMs = 30_000): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.catchUp(timeoutMs)));
  }
}
