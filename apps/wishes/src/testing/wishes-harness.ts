import { jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kysely, sql } from 'kysely';
import { nodeRef } from '@ws/contracts';
import type { EventEnvelope, StationRegistered } from '@ws/contracts';
import { FixedClock, signToken } from '@ws/kernel';
import type { Principal, Role } from '@ws/kernel';
import { DB, platformConfig, ProjectionsService } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { createTestDatabase, deleteNodeStreams, NATS_URL, nodeStreamEvents, PG_URL, publishForeignEvent, requestJson, testNodeCode, waitUntil } from '@ws/testing';
import type { JsonRequest, JsonResponse, TestDatabase } from '@ws/testing';
import { startReactingService } from '@ws/testing/service-app';
import type { WishesDatabase } from '../db/database';
import { stationAnnouncement } from './station-announcement';
import { DeadlineSweeper, SweepResult } from '../wish/deadline-sweeper/deadline-sweeper';
import { DEFAULT_WISH_POLICY } from '../wish/wish-policy';
import { WISHES_SERVICE, WishesModule } from '../wishes.module';
import type { WishesConfig } from '../wishes.config';

const TEST_JWT_SECRET = 'wishes-test-secret-0123456789';

/**
 * The wishes service in-process against real Postgres and NATS, with its reactions transport,
 * a fixed clock and a sweeper that only runs when asked. Other contexts' events (stations,
 * dispatch) are published by hand as their outbox relays would.
 */
export class WishesHarness {
  app?: NestFastifyApplication;
  readonly clock = new FixedClock(new Date());
  private nc?: NatsConnection;
  private baseUrl = '';

  private constructor(
    readonly config: PlatformConfig,
    readonly wishes: WishesConfig,
    private readonly database: TestDatabase,
  ) {}

  static async create(wishes: Partial<WishesConfig> = {}): Promise<WishesHarness> {
    const database = await createTestDatabase(WISHES_SERVICE);
    const code = testNodeCode();
    const base = platformConfig(WISHES_SERVICE, { NODE_CODE: code, PG_URL, NATS_URL, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    const config: PlatformConfig = {
      ...base,
      throttlePerMinute: 100_000,
      node: nodeRef(code),
      database: database.name,
      streams: { evt: `EVT_${code}`, dir: `DIR_${code}` },
    };
    const harness = new WishesHarness(config, {
      policy: DEFAULT_WISH_POLICY,
      sweepIntervalMs: 3_600_000,
      reactionAckWaitMs: 30_000,
      vaultKey: 'wishes-test-vault-key-0123456789abcdef',
      authorSecret: 'wishes-test-author-secret-0123456789ab',
      ...wishes,
    }, database);
    await harness.start();
    return harness;
  }

  get street(): string {
    return `${this.config.node.code}001`;
  }

  get otherStreet(): string {
    return `${this.config.node.code}002`;
  }

  async start(): Promise<void> {
    const { app, base } = await startReactingService(WishesModule.forRoot({ config: this.config, clock: this.clock, wishes: this.wishes }), this.config);
    this.app = app;
    this.baseUrl = base;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    await this.database.drop();
    await deleteNodeStreams(await this.bus(), this.config.streams);
    await this.nc?.close();
    this.nc = undefined;
  }

  get db(): Kysely<WishesDatabase> {
    return this.app!.get<Kysely<WishesDatabase>>(DB);
  }

  http(method: 'GET' | 'POST', url: string, options: JsonRequest = {}): Promise<JsonResponse> {
    return requestJson(this.baseUrl, method, url, options);
  }

  token(role: Role, extra: Partial<Principal> = {}): Promise<string> {
    return signToken(TEST_JWT_SECRET, { subject: `test-${role}-${extra.station ?? extra.street ?? 'node'}`, role, node: this.config.node.code, ...extra });
  }

  /** A station as the stations context announces it; the wishes service learns it from the stream. */
  async registerStation(overrides: Partial<StationRegistered['data']> = {}): Promise<StationRegistered['data']> {
    const data = stationAnnouncement(this.street, overrides);
    await this.publishEvent('stations', 'station', data.stationId, 'StationRegistered', data);
    return data;
  }

  /** Publishes a hand-built event of another context to this node's EVT stream, as its outbox relay would. */
  async publishEvent<T>(context: string, aggregate: string, aggregateId: string, type: string, data: T, options: { eventId?: string; msgId?: string } = {}): Promise<EventEnvelope<string, T>> {
    return publishForeignEvent(await this.bus(), { node: this.config.node, context, aggregate, aggregateId, type, data, occurredAt: this.clock.now(), ...options });
  }

  /** Every event on the node's stream whose subject ends with `filterSuffix` after the node tokens. */
  async streamEvents(filterSuffix: string): Promise<EventEnvelope[]> {
    return nodeStreamEvents(await this.bus(), this.config.node, this.config.streams.evt, filterSuffix);
  }

  /** Read-your-writes: the outbox is published and every projection applied what the stream holds. */
  async settle(): Promise<void> {
    await this.waitFor(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(this.db);
      return rows[0]!.n === 0;
    }, 'outbox published');
    await this.app!.get(ProjectionsService).catchUp();
  }

  /** Every dispatch task event on the stream has been handled and acknowledged by the reactions. */
  async reactionsIdle(): Promise<void> {
    const jsm = await jetstreamManager(await this.bus());
    await this.waitFor(async () => {
      const info = await jsm.consumers.info(this.config.streams.evt, `${WISHES_SERVICE}__dispatch_task_any`).catch(() => undefined);
      return info !== undefined && info.num_pending === 0 && info.num_ack_pending === 0;
    }, 'reactions idle');
  }

  sweep(): Promise<SweepResult> {
    return this.app!.get(DeadlineSweeper).sweep();
  }

  waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
    return waitUntil(probe, what, timeoutMs);
  }

  private async bus(): Promise<NatsConnection> {
    this.nc ??= await connect({ servers: NATS_URL });
    return this.nc;
  }
}
