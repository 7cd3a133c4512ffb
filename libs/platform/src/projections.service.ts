import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Kysely } from 'kysely';
import { Registry } from 'prom-client';
import { DomainError } from '@ws/kernel';
import type { JetStreamClient, JetStreamManager } from '@ws/messaging';
import { createProjectionMetrics, Projection, ProjectionRunner, pruneSeenEvents } from '@ws/projections';
import type { PlatformConfig } from './platform-config';
import { ReadModel } from './read-model.decorator';
import { DB, JETSTREAM, JETSTREAM_MANAGER, METRICS_REGISTRY, PLATFORM_CONFIG } from './tokens';

const PRUNE_EVERY_MS = 3_600_000;

/**
 * Runs every @ReadModel() projection of the service, each with its own checkpoint, on the
 * stream it names (EVT unless it says DIR); /health, /metrics and the admin routes see them all.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners = new Map<string, ProjectionRunner>();
  private pruning?: NodeJS.Timeout;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(DB) private readonly db: Kysely<any>,
    @Inject(JETSTREAM) private readonly js: JetStreamClient,
    @Inject(JETSTREAM_MANAGER) private readonly jsm: JetStreamManager,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.metrics = createProjectionMetrics(registry);
  }

  private readonly metrics;

  async onApplicationBootstrap(): Promise<void> {
    const projections = this.discovery
      .getProviders({ metadataKey: ReadModel.KEY })
      .map((wrapper) => wrapper.instance as Projection)
      .filter((instance): instance is Projection => Boolean(instance));
    for (const projection of projections) {
      const runner = new ProjectionRunner(this.db, this.js, this.jsm, projection, {
        stream: projection.stream === 'dir' ? this.config.streams.dir : this.config.streams.evt,
        metrics: this.metrics,
        logger: this.logger,
      });
      this.runners.set(projection.name, runner);
      await runner.start();
    }
    // Summing projections' counted event ids are kept for SEEN_EVENTS_KEEP_DAYS; any process may prune.
    this.pruning = setInterval(() => void pruneSeenEvents(this.db).catch((error: unknown) => this.logger.warn(`pruning counted event ids failed: ${String(error)}`)), PRUNE_EVERY_MS);
    this.pruning.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.pruning);
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }

  list(): ProjectionRunner[] {
    return [...this.runners.values()];
  }

  get(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new DomainError('not_found', `没有名为 ${name} 的读模型`, 'name');
    return runner;
  }

  /** Truncates and replays a read model; a reaction that acts on its events is refused. */
  async rebuild(name: string): Promise<void> {
    const runner = this.get(name);
    if (runner.projection.rebuildable === false) {
      throw new DomainError('not_rebuildable', `${name} 依据事件执行操作（追加事件或下达指令），重放会重复执行，不能重建`, 'name');
    }
    await runner.rebuild();
  }

  /** Resolves when every projection has applied what the stream holds now. */
  async catchUp(timeoutMs = 30_000): Promise<void> {
    await Promise.all(this.list().map((runner) => runner.catchUp(timeoutMs)));
  }

  async lags(): Promise<Array<{ name: string; stream: 'evt' | 'dir'; rebuildable: boolean; position: number; events: number; seconds: number }>> {
    return Promise.all(
      this.list().map(async (runner) => ({
        name: runner.name,
        stream: runner.projection.stream ?? 'evt',
        rebuildable: runner.projection.rebuildable !== false,
        position: runner.position,
        ...(await runner.lag()),
      })),
    );
  }
}
