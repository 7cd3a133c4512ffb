import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kysely, sql } from 'kysely';
import type { EventEnvelope } from '@ws/contracts';
import { FixedClock, type Principal, type Role } from '@ws/kernel';
import { DB, ProjectionsService, requestJson } from '@ws/platform';
import type { JsonRequest, JsonResponse, PlatformConfig } from '@ws/platform';
import { eventually } from './eventually';
import { NATS_URL, type TestDatabase } from './infra';
import { deleteNodeStreams, nodeStreamDirectives, nodeStreamEvents, publishForeignEvent } from './node-stream';
import { nodeOfRole, officerToken } from './officer-tokens';
import { startListeningService } from './listening-service';

/**
 * A service in-process against real Postgres and NATS on a synthetic node of its own (see
 * testPlatformConfig), with its read models, reactions and a fixed clock. stop() and start() keep
 * the database and streams, as a restarted process finds them; dispose() removes them. Other
 * contexts' events are published by hand, as their outbox relays would.
 */
export abstract class ServiceHarness<Database> {
  app?: NestFastifyApplication;
  readonly clock = new FixedClock(new Date());
  private nc?: NatsConnection;
  private base = '';

  protected constructor(
    readonly config: PlatformConfig,
    private readonly database: TestDatabase,
  ) {}

  /** The service's module for this harness's config and clock. */
  protected abstract module(): DynamicModule;

  get street(): string {
    return `${this.config.node.code}001`;
  }

  get otherStreet(): string {
    return `${this.config.node.code}002`;
  }

  get db(): Kysely<Database> {
    return this.app!.get<Kysely<Database>>(DB);
  }

  async start(): Promise<void> {
    const { app, base } = await startListeningService(this.module(), this.config);
    this.app = app;
    this.base = base;
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

  /** A token of an officer of the node (a city or province officer: of its city or province; extra.node: another node); see officerToken. */
  token(role: Role, extra: Partial<Principal> = {}): Promise<string> {
    return officerToken(extra.node ?? nodeOfRole(role, this.config.node.code), { role, ...extra });
  }

  http(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, request: JsonRequest = {}): Promise<JsonResponse> {
    return requestJson(this.base, method, path, request);
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

  /** Read-your-writes: the outbox is published and every projection applied what the stream holds. */
  async settle(): Promise<void> {
    await eventually(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(this.db);
      return rows[0]!.n === 0;
    }, { what: 'outbox published', timeoutMs: 15_000 });
    await this.app!.get(ProjectionsService).catchUp();
  }

  /**
   * Every reaction of the service has handled what its stream holds: after a republished event,
   * the moment to check that nothing changed.
   */
  async reactionsIdle(): Promise<void> {
    await this.app!.get(ProjectionsService).reactionsCaughtUp(15_000);
  }

  protected async bus(): Promise<NatsConnection> {
    this.nc ??= await connect({ servers: NATS_URL });
    return this.nc;
  }
}
