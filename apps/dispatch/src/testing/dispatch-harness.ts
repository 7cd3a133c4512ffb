import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { decodeEnvelope, JetStreamTransport } from '@ws/messaging';
import type { EventEnvelope } from '@ws/contracts';
import { FixedClock, signToken } from '@ws/kernel';
import type { Principal, Role } from '@ws/kernel';
import { nodeRef } from '@ws/contracts';
import { DB, platformConfig, ProjectionsService } from '@ws/platform';
import { Kysely, sql } from 'kysely';
import type { DispatchDatabase } from '../db/database';
import type { PlatformConfig } from '@ws/platform';
import { createTestDatabase, NATS_URL, PG_URL, testNodeCode } from '@ws/testing';
import type { TestDatabase } from '@ws/testing';
import type { DispatchConfig } from '../dispatch.config';
import { DISPATCH_SERVICE, DispatchModule } from '../dispatch.module';
import { DispatchSweeper, SweepResult } from '../task/sweeper/dispatch-sweeper';
import { publishEvent } from './publish-event';

export interface HttpResult {
  status: number;
  body: any;
}

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' }));
let mobileCounter = 0;
const TEST_JWT_SECRET = 'dispatch-test-secret-0123456789';

/** A synthetic node, a fresh database and stream names of its own. */
async function testConfig(): Promise<{ config: PlatformConfig; database: TestDatabase }> {
  const database = await createTestDatabase(DISPATCH_SERVICE);
  const code = testNodeCode();
  const base = platformConfig(DISPATCH_SERVICE, { NODE_CODE: code, PG_URL, NATS_URL, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
  return { database, config: { ...base, throttlePerMinute: 100_000, node: nodeRef(code), database: database.name, streams: { evt: `EVT_${code}`, dir: `DIR_${code}` } } };
}

/**
 * The dispatch service in-process against real Postgres and NATS, with its reactions transport,
 * a fixed clock and a sweeper that only runs when asked. stop() and start() again keep the
 * database and streams, as a restarted process would find them; dispose() removes them.
 */
export class DispatchHarness {
  app?: NestFastifyApplication;
  readonly clock = new FixedClock(new Date());
  private nc?: NatsConnection;
  private baseUrl = '';

  private constructor(
    readonly config: PlatformConfig,
    private readonly database: TestDatabase,
    private readonly dispatch: Partial<DispatchConfig>,
  ) {}

  static async create(dispatch: Partial<DispatchConfig> = {}): Promise<DispatchHarness> {
    const { config, database } = await testConfig();
    const harness = new DispatchHarness(config, database, { sweepIntervalMs: 3_600_000, ...dispatch });
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
      imports: [DispatchModule.forRoot({ config: this.config, clock: this.clock, dispatch: this.dispatch })],
    }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    app.enableShutdownHooks();
    app.connectMicroservice(
      { strategy: new JetStreamTransport({ servers: NATS_URL, node: this.config.node, stream: this.config.streams.evt, service: DISPATCH_SERVICE, retryDelayMs: 100 }) },
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

  async http(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, options: { token?: string; body?: unknown } = {}): Promise<HttpResult> {
    const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  officerToken(role: Role, extra: Partial<Principal> = {}): Promise<string> {
    return signToken(TEST_JWT_SECRET, { subject: `test-${role}`, role, node: this.config.node.code, ...extra });
  }

  /** Registers a volunteer through the API and logs them in; returns their id and volunteer token. */
  async registerVolunteer(overrides: Record<string, unknown> = {}): Promise<{ volunteerId: string; accessCode: string; token: string }> {
    const officer = await this.officerToken('district_officer');
    const registered = await this.http('POST', '/volunteers', {
      token: officer,
      body: {
        name: '测试志愿者',
        mobile: `139${String(++mobileCounter).padStart(4, '0')}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`,
        type: 'party_member',
        skills: [{ skill: 'first_aid_trainer', certificateRef: 'cert-1' }],
        homeStreet: this.street,
        availability: ALL_WEEK,
        ...overrides,
      },
    });
    if (registered.status !== 201) throw new Error(`registration failed: ${registered.status} ${JSON.stringify(registered.body)}`);
    const { volunteerId, accessCode } = registered.body as { volunteerId: string; accessCode: string };
    const session = await this.http('POST', '/volunteer-sessions', { body: { volunteerId, accessCode } });
    return { volunteerId, accessCode, token: (session.body as { token: string }).token };
  }

  /** Publishes a hand-built event of another context to this node's EVT stream, as its outbox relay would. */
  async publishEvent<T>(context: string, aggregate: string, aggregateId: string, type: string, data: T, options: { eventId?: string; msgId?: string } = {}): Promise<EventEnvelope<string, T>> {
    return publishEvent(await this.bus(), { node: this.config.node, context, aggregate, aggregateId, type, data, occurredAt: this.clock.now(), ...options });
  }

  /** Every event on the node's stream whose subject matches `filter` (a suffix after the node tokens). */
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

  /** Read-your-writes for a test: the outbox is published and every projection applied what the stream holds. */
  async settle(): Promise<void> {
    const db = this.app!.get<Kysely<DispatchDatabase>>(DB);
    await this.waitFor(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(db);
      return rows[0]!.n === 0;
    }, 'outbox published');
    await this.app!.get(ProjectionsService).catchUp();
  }

  sweep(): Promise<SweepResult> {
    return this.app!.get(DispatchSweeper).sweep();
  }

  /** Polls until `probe` returns something truthy (the event crossed the bus and the projections). */
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
