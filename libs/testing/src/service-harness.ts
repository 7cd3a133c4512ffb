import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { EventEnvelope } from '@ws/contracts';
import { createFastifyAdapter, FixedClock, type Principal, type Role } from '@ws/kernel';
import { DB, OutboxRelayService, prepareServiceApp, ProjectionsService, requestJson } from '@ws/platform';
import type { JsonRequest, JsonResponse, PlatformConfig } from '@ws/platform';
import { NATS_URL, type TestDatabase } from './infra';
import { deleteNodeStreams, nodeStreamDirectives, nodeStreamEvents, publishForeignEvent } from './node-stream';
import { nodeOfRole, officerToken, trustTestKeysOf } from './officer-tokens';

/** The service's module for the harness's config and fixed clock (a module may ignore the clock and run on the real one). */
export type ModuleFor = (config: PlatformConfig, clock: FixedClock) => DynamicModule;

/**
 * The one way to run a service in-process for a test: against real Postgres (a database of its
 * own) and NATS (by default the shared server, a synthetic node and streams of its own; see
 * testPlatformConfig), listening on a free port, with its read models, reactions and a fixed
 * clock. stop() and start() keep the database and streams, as a restarted process finds them;
 * close() removes them. Other contexts' events are published by hand, as their outbox relays
 * would. Start one with startService; a service with helpers of its own subclasses this (e.g.
 * apps/wishes/src/testing/wishes-harness.ts) and overrides module().
 */
export class ServiceHarness<Database = any> {
  private running?: NestFastifyApplication;
  readonly clock = new FixedClock(new Date());
  private nc?: NatsConnection;
  private address = '';

  constructor(
    readonly config: PlatformConfig,
    private readonly database: TestDatabase,
    private readonly moduleFor?: ModuleFor,
  ) {}

  /** The service's module for this harness's config and clock. */
  protected module(): DynamicModule {
    if (!this.moduleFor) throw new Error(`${this.constructor.name} has no module: override module() or pass one`);
    return this.moduleFor(this.config, this.clock);
  }

  get street(): string {
    return `${this.config.node.code}001`;
  }

  get otherStreet(): string {
    return `${this.config.node.code}002`;
  }

  /** The running app; between stop() and start() there is none. */
  get app(): NestFastifyApplication {
    if (!this.running) throw new Error(`${this.config.service} is not running`);
    return this.running;
  }

  /** http://127.0.0.1:<port>, where the running service listens. */
  get base(): string {
    return this.address;
  }

  get db(): Kysely<Database> {
    return this.app.get<Kysely<Database>>(DB);
  }

  /** Compiles and starts the module; an app that fails half-way is closed (its pools and connections) and the error thrown. */
  async start(): Promise<void> {
    const moduleRef = await Test.createTestingModule({ imports: [this.module()] }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter({ trustedProxies: this.config.trustedProxies }), { logger: ['error', 'warn'] });
    try {
      await prepareServiceApp(app);
      await app.init();
      await trustTestKeysOf(app);
      await app.listen(0, '127.0.0.1');
    } catch (error) {
      await app.close().catch(() => undefined);
      throw error;
    }
    const address = app.getHttpServer().address() as { port: number };
    this.running = app;
    this.address = `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
  }

  /** Stops the service and removes its database and (on the shared nats-server) its streams. */
  async close(): Promise<void> {
    await this.stop();
    await this.database.drop();
    if (this.config.natsUrl === NATS_URL) await deleteNodeStreams(await this.bus(), this.config.streams);
    await this.nc?.close();
    this.nc = undefined;
  }

  /** A token of an officer of the node (a city or province officer: of its city or province; extra.node: another node); see officerToken. */
  token(role: Role, extra: Partial<Principal> = {}): Promise<string> {
    return officerToken(extra.node ?? nodeOfRole(role, this.config.node.code), { role, ...extra });
  }

  http(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, request: JsonRequest = {}): Promise<JsonResponse> {
    return requestJson(this.address, method, path, request);
  }

  /** A hand-built event of another context on this node's EVT stream; a new msgId redelivers an old event. */
  async publishEvent<T>(context: string, aggregate: string, aggregateId: string, type: string, data: T, options: { eventId?: string; msgId?: string } = {}): Promise<EventEnvelope<string, T>> {
    return publishForeignEvent(await this.bus(), { node: this.config.node, context, aggregate, aggregateId, type, data, occurredAt: this.clock.now(), ...options });
  }

  /** Every event on the node's stream whose subject ends with `suffix` after the node tokens. */
  async streamEvents(suffix: string): Promise<EventEnvelope[]> {
    return nodeStreamEvents(await this.bus(), this.config.node, this.config.streams.evt, suffix);
  }

  /** Every directive on the node's DIR stream whose subject ends with `suffix` after the node tokens. */
  async streamDirectives(suffix: string): Promise<EventEnvelope[]> {
    return nodeStreamDirectives(await this.bus(), this.config.node, this.config.streams.dir, suffix);
  }

  /** Read-your-writes: what is committed in the outbox is published and every projection applied what the stream holds. */
  async settle(): Promise<void> {
    await this.app.get(OutboxRelayService).relay.drain();
    await this.app.get(ProjectionsService).catchUp();
  }

  /**
   * Every reaction of the service has handled what its stream holds: after a republished event,
   * the moment to check that nothing changed.
   */
  async reactionsIdle(): Promise<void> {
    await this.app.get(ProjectionsService).reactionsCaughtUp(15_000);
  }

  protected async bus(): Promise<NatsConnection> {
    this.nc ??= await connect({ servers: this.config.natsUrl });
    return this.nc;
  }
}
