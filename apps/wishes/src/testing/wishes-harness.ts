import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, NatsConnection } from '@nats-io/transport-node';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Kysely, sql } from 'kysely';
import { eventSubject, nodeRef } from '@ws/contracts';
import type { EventEnvelope, StationRegistered } from '@ws/contracts';
import { eventHeaders } from '@ws/eventstore';
import { FixedClock, newId, signToken } from '@ws/kernel';
import type { Principal, Role } from '@ws/kernel';
import { decodeEnvelope, JetStreamTransport } from '@ws/messaging';
import { DB, platformConfig, ProjectionsService } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { createTestDatabase, NATS_URL, PG_URL, testNodeCode } from '@ws/testing';
import type { TestDatabase } from '@ws/testing';
import type { WishesDatabase } from '../db/database';
import { DeadlineSweeper, SweepResult } from '../wish/deadline-sweeper/deadline-sweeper';
import { DEFAULT_WISH_POLICY } from '../wish/wish-policy';
import { WISHES_SERVICE, WishesModule } from '../wishes.module';
import type { WishesConfig } from '../wishes.config';

export interface HttpResult {
  status: number;
  body: any;
  headers: Headers;
}

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
    const moduleRef = await Test.createTestingModule({
      imports: [WishesModule.forRoot({ config: this.config, clock: this.clock, wishes: this.wishes })],
    }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ bodyLimit: 1024 * 1024 }), { logger: false });
    app.enableShutdownHooks();
    app.connectMicroservice(
      { strategy: new JetStreamTransport({ servers: NATS_URL, node: this.config.node, stream: this.config.streams.evt, service: WISHES_SERVICE, retryDelayMs: 100 }) },
      { inheritAppConfig: true },
    );
    await app.init();
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    this.baseUrl = `http://127.0.0.1:${address.port}`;
    this.app = app;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    await this.database.drop();
    const nc = await this.bus();
    const jsm = await jetstreamManager(nc);
    for (const name of [this.config.streams.evt, this.config.streams.dir]) await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
    this.nc = undefined;
  }

  get db(): Kysely<WishesDatabase> {
    return this.app!.get<Kysely<WishesDatabase>>(DB);
  }

  async http(method: 'GET' | 'POST', url: string, options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers };
    const body = options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${url}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  token(role: Role, extra: Partial<Principal> = {}): Promise<string> {
    return signToken(TEST_JWT_SECRET, { subject: `test-${role}-${extra.station ?? extra.street ?? 'node'}`, role, node: this.config.node.code, ...extra });
  }

  /** A station as the stations context announces it; the wishes service learns it from the stream. */
  async registerStation(overrides: Partial<StationRegistered['data']> = {}): Promise<StationRegistered['data']> {
    const stationId = newId();
    const data = {
      stationId,
      name: '测试社区微站',
      kind: 'station',
      tier: 'community',
      host: 'community_centre',
      streetCode: this.street,
      communityCode: `${this.street}001`,
      address: '测试路 1 号',
      location: { lng: 118.87, lat: 28.94 },
      hours: { kind: 'always' },
      seats: 6,
      contactPhone: null,
      managerId: null,
      facilities: [],
      ...overrides,
    } as unknown as StationRegistered['data'];
    await this.publishEvent('stations', 'station', stationId, 'StationRegistered', data);
    return data;
  }

  /** Publishes a hand-built event of another context to this node's EVT stream, as its outbox relay would. */
  async publishEvent<T>(context: string, aggregate: string, aggregateId: string, type: string, data: T, options: { eventId?: string; msgId?: string } = {}): Promise<EventEnvelope<string, T>> {
    const eventId = options.eventId ?? newId();
    const envelope: EventEnvelope<string, T> = {
      eventId,
      type,
      schema: 1,
      streamId: `${aggregate}-${aggregateId}`,
      streamVersion: 1,
      occurredAt: this.clock.now().toISOString(),
      data,
      metadata: { correlationId: eventId, causationId: eventId, node: this.config.node.code, actor: 'test' },
    };
    const js = jetstream(await this.bus());
    const hdrs = natsHeaders();
    for (const [key, value] of Object.entries(eventHeaders(envelope))) hdrs.set(key, value);
    // A msgId other than the event id redelivers the same event past the stream's duplicate window.
    await js.publish(eventSubject(this.config.node, context, aggregate, aggregateId, type), JSON.stringify(envelope), { msgID: options.msgId ?? eventId, headers: hdrs });
    return envelope;
  }

  /** Every event on the node's stream whose subject ends with `filterSuffix` after the node tokens. */
  async streamEvents(filterSuffix: string): Promise<EventEnvelope[]> {
    const nc = await this.bus();
    const jsm = await jetstreamManager(nc);
    const subject = `evt.${this.config.node.province}.${this.config.node.city}.${this.config.node.district}.${filterSuffix}`;
    const info = await jsm.streams.info(this.config.streams.evt, { subjects_filter: subject }).catch(() => undefined);
    const total = Object.values(info?.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
    if (total === 0) return [];
    const consumer = await jetstream(nc).consumers.get(this.config.streams.evt, { filter_subjects: subject });
    const events: EventEnvelope[] = [];
    const messages = await consumer.fetch({ max_messages: total, expires: 5000 });
    for await (const message of messages) {
      events.push(decodeEnvelope(message.data));
      if (events.length >= total) break;
    }
    return events;
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

  async waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async bus(): Promise<NatsConnection> {
    this.nc ??= await connect({ servers: NATS_URL });
    return this.nc;
  }
}
