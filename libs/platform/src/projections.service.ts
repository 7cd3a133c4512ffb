import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Kysely } from 'kysely';
import { Registry } from 'prom-client';
import { kernelError } from '@ws/kernel';
import { deleteDurable, durableAckFloor, type JetStreamClient, type JetStreamManager } from '@ws/messaging';
import { createProjectionMetrics, ensureCheckpoint, Projection, ProjectionRunner } from '@ws/projections';
import type { PlatformConfig } from './platform-config';
import { Reaction, reactionProjection, type EventReaction } from './reaction';
import { ReadModel } from './read-model.decorator';
import { DB, JETSTREAM, JETSTREAM_MANAGER, METRICS_REGISTRY, PLATFORM_CONFIG } from './tokens';


/** A checkpointed consumer of the service: a read model, or a reaction (which is never rebuilt). */
export type ConsumerKind = 'read-model' | 'reaction';

/**
 * Runs every @ReadModel() and every @Reaction() of the service, each with its own checkpoint, on
 * the stream it names (EVT unless it says DIR); /health, /metrics and the admin routes see them all.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners = new Map<string, ProjectionRunner>();
  private readonly kinds = new Map<string, ConsumerKind>();

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
    const readModels = this.instances<Projection>(ReadModel.KEY);
    const reactions = this.instances<EventReaction>(Reaction.KEY);
    for (const projection of readModels) await this.run(projection, 'read-model');
    for (const reaction of reactions) {
      await this.takeOver(reaction);
      await this.run(reactionProjection(reaction), 'reaction');
    }
  }

  private instances<T>(key: string): T[] {
    return this.discovery
      .getProviders({ metadataKey: key })
      .map((wrapper) => wrapper.instance as T)
      .filter((instance): instance is T => Boolean(instance));
  }

  private async run(projection: Projection, kind: ConsumerKind): Promise<void> {
    if (this.runners.has(projection.name)) throw new Error(`two consumers named ${projection.name}`);
    const runner = new ProjectionRunner(this.db, this.js, this.jsm, projection, {
      stream: this.streamOf(projection),
      kind: kind === 'reaction' ? 'reaction' : 'projection',
      metrics: this.metrics,
      logger: this.logger,
    });
    this.runners.set(projection.name, runner);
    this.kinds.set(projection.name, kind);
    await runner.start();
  }

  private streamOf(consumer: { stream?: 'evt' | 'dir' }): string {
    return consumer.stream === 'dir' ? this.config.streams.dir : this.config.streams.evt;
  }

  /** A reaction's first start after the durable consumers it replaces: it begins where they had got to. */
  private async takeOver(reaction: EventReaction): Promise<void> {
    const durables = reaction.replaces ?? [];
    if (durables.length === 0) return;
    const stream = this.streamOf(reaction);
    const floors = (await Promise.all(durables.map((durable) => durableAckFloor(this.jsm, stream, durable)))).filter((floor): floor is number => floor !== undefined);
    if (floors.length > 0 && (await ensureCheckpoint(this.db, reaction.name, Math.min(...floors)))) {
      this.logger.log(`reaction ${reaction.name} begins at ${Math.min(...floors)}, where ${durables.join(', ')} had got to`);
    }
    for (const durable of durables) await deleteDurable(this.jsm, stream, durable);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }

  list(): ProjectionRunner[] {
    return [...this.runners.values()];
  }

  get(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw kernelError('not_found', `没有名为 ${name} 的读模型或反应`, 'name');
    return runner;
  }

  kindOf(name: string): ConsumerKind | undefined {
    return this.kinds.get(name);
  }

  /** Truncates and replays a read model; a reaction is refused (a replay would act again). */
  async rebuild(name: string): Promise<void> {
    const runner = this.get(name);
    if (this.kindOf(name) === 'reaction') {
      throw kernelError('not_rebuildable', `${name} 依据事件执行操作（追加事件、下达指令或发送消息），重放会重复执行，不能重建`, 'name');
    }
    await runner.rebuild();
  }

  /** Resolves when every reaction has handled what its stream holds now. */
  async reactionsCaughtUp(timeoutMs = 30_000): Promise<void> {
    await Promise.all(this.list().filter((runner) => this.kindOf(runner.name) === 'reaction').map((runner) => runner.catchUp(timeoutMs)));
  }

  /** Resolves when every projection has applied what the stream holds now. */
  async catchUp(timeoutMs = 30_000): Promise<void> {
    await Promise.all(this.list().map((runner) => runner.catchUp(timeoutMs)));
  }

  async lags(): Promise<Array<{ name: string; kind: ConsumerKind; stream: 'evt' | 'dir'; rebuildable: boolean; position: number; events: number; seconds: number }>> {
    return Promise.all(
      this.list().map(async (runner) => ({
        name: runner.name,
        kind: this.kindOf(runner.name) ?? 'read-model',
        stream: runner.projection.stream ?? 'evt',
        rebuildable: this.kindOf(runner.name) !== 'reaction',
        position: runner.position,
        ...(await runner.lag()),
      })),
    );
  }
}
