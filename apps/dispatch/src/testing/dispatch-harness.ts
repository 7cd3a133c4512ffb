import { connect, NatsConnection } from '@nats-io/transport-node';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kysely, sql } from 'kysely';
import { nodeRef } from '@ws/contracts';
import type { EventEnvelope } from '@ws/contracts';
import { FixedClock, signToken } from '@ws/kernel';
import type { Principal, Role } from '@ws/kernel';
import { DB, platformConfig, ProjectionsService } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { createTestDatabase, deleteNodeStreams, NATS_URL, nodeStreamEvents, PG_URL, publishForeignEvent, requestJson, testNodeCode, waitUntil } from '@ws/testing';
import type { JsonRequest, JsonResponse, TestDatabase } from '@ws/testing';
import { startReactingService } from '@ws/testing/service-app';
import type { DispatchDatabase } from '../db/database';
import type { DispatchConfig } from '../dispatch.config';
import { DISPATCH_SERVICE, DispatchModule } from '../dispatch.module';
import { DispatchSweeper, SweepResult } from '../task/sweeper/dispatch-sweeper';

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
    const { app, base } = await startReactingService(DispatchModule.forRoot({ config: this.config, clock: this.clock, dispatch: this.dispatch }), this.config);
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

  http(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, options: JsonRequest = {}): Promise<JsonResponse> {
    return requestJson(this.baseUrl, method, url, options);
  }

  get db(): Kysely<DispatchDatabase> {
    return this.app!.get<Kysely<DispatchDatabase>>(DB);
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
    return publishForeignEvent(await this.bus(), { node: this.config.node, context, aggregate, aggregateId, type, data, occurredAt: this.clock.now(), ...options });
  }

  /** Every event on the node's stream whose subject matches `filter` (a suffix after the node tokens). */
  async streamEvents(filterSuffix: string): Promise<EventEnvelope[]> {
    return nodeStreamEvents(await this.bus(), this.config.node, this.config.streams.evt, filterSuffix);
  }

  /** Read-your-writes for a test: the outbox is published and every projection applied what the stream holds. */
  async settle(): Promise<void> {
    await this.waitFor(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(this.db);
      return rows[0]!.n === 0;
    }, 'outbox published');
    await this.app!.get(ProjectionsService).catchUp();
  }

  sweep(): Promise<SweepResult> {
    return this.app!.get(DispatchSweeper).sweep();
  }

  /** Polls until `probe` returns something truthy (the event crossed the bus and the projections). */
  waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
    return waitUntil(probe, what, timeoutMs);
  }

  private async bus(): Promise<NatsConnection> {
    this.nc ??= await connect({ servers: NATS_URL });
    return this.nc;
  }
}
