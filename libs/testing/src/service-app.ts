import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { connect } from '@nats-io/transport-node';
import { nodeRef } from '@ws/contracts';
import { createFastifyAdapter, type Principal, type Role } from '@ws/kernel';
import { OutboxRelayService, platformConfig, type PlatformConfig, prepareServiceApp, ProjectionsService } from '@ws/platform';
import { createTestDatabase, NATS_URL, PG_URL, testNodeCode, type TestDatabase } from './infra';
import { deleteNodeStreams } from './node-stream';
import { nodeOfRole, officerToken, trustTestKeysOf } from './officer-tokens';

/** A platform config of its own for one test: synthetic node, fresh database, unique stream names. */
export async function testPlatformConfig(service: string): Promise<{ config: PlatformConfig; database: TestDatabase }> {
  const database = await createTestDatabase(service);
  const code = testNodeCode();
  const base = platformConfig(service, { NODE_CODE: code, PG_URL, NATS_URL, THROTTLE_PER_MINUTE: '100000', LOG_LEVEL: 'silent' });
  return {
    database,
    config: { ...base, node: nodeRef(code), database: database.name, streams: { evt: `EVT_${code}`, dir: `DIR_${code}` } },
  };
}

export interface TestServiceApp {
  app: NestFastifyApplication;
  config: PlatformConfig;
  /** Publishes what is committed in the outbox, then waits until every projection has applied it. */
  catchUp(): Promise<void>;
  /** A token of an officer of the node (a city or province officer: of its city or province; extra.node: another node), whose key the app believes. */
  token(role: Role, extra?: Partial<Principal>): Promise<string>;
  close(): Promise<void>;
}

/** Boots a service module in-process against real Postgres and NATS; close() removes its database and streams. */
export async function startTestService(service: string, moduleFor: (config: PlatformConfig) => DynamicModule): Promise<TestServiceApp> {
  const { config, database } = await testPlatformConfig(service);
  // A service that fails to start leaves no database behind.
  const app = await bootApp(() => moduleFor(config), config).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  return {
    app,
    config,
    async catchUp() {
      await app.get(OutboxRelayService).relay.drain();
      await app.get(ProjectionsService).catchUp();
    },
    token: (role, extra = {}) => officerToken(extra.node ?? nodeOfRole(role, config.node.code), { role, ...extra }),
    async close() {
      await app.close();
      await database.drop();
      const nc = await connect({ servers: NATS_URL });
      await deleteNodeStreams(nc, config.streams);
      await nc.close();
    },
  };
}

/** Compiles and starts the module; an app that fails half-way is closed (its pools and connections). */
async function bootApp(module: () => DynamicModule, config: PlatformConfig): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [module()] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter({ trustedProxies: config.trustedProxies }), { logger: ['error', 'warn'] });
  try {
    await prepareServiceApp(app);
    await app.init();
    await trustTestKeysOf(app);
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

export * from './listening-service';
export * from './service-harness';
export * from './probe-service';
