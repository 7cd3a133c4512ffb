import type { DynamicModule } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { nodeRef } from '@ws/contracts';
import { signToken, type Principal, type Role } from '@ws/kernel';
import { OutboxRelayService, platformConfig, type PlatformConfig, ProjectionsService } from '@ws/platform';
import { createTestDatabase, NATS_URL, PG_URL, testNodeCode, type TestDatabase } from './infra';

export const TEST_JWT_SECRET = 'waystation-test-secret-0123456789';

/** A platform config of its own for one test: synthetic node, fresh database, unique stream names. */
export async function testPlatformConfig(service: string): Promise<{ config: PlatformConfig; database: TestDatabase }> {
  const database = await createTestDatabase(service);
  const code = testNodeCode();
  const base = platformConfig(service, { NODE_CODE: code, PG_URL, NATS_URL, JWT_SECRET: TEST_JWT_SECRET, THROTTLE_PER_MINUTE: '100000', LOG_LEVEL: 'silent' });
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
  token(role: Role, extra?: Partial<Principal>): Promise<string>;
  close(): Promise<void>;
}

/** Boots a service module in-process against real Postgres and NATS; close() removes its database and streams. */
export async function startTestService(service: string, moduleFor: (config: PlatformConfig) => DynamicModule): Promise<TestServiceApp> {
  const { config, database } = await testPlatformConfig(service);
  // A service that fails to start leaves no database behind.
  const app = await bootApp(() => moduleFor(config)).catch(async (error: unknown) => {
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
    token: (role, extra = {}) => signToken(TEST_JWT_SECRET, { subject: `test-${role}`, role, node: config.node.code, ...extra }),
    async close() {
      await app.close();
      await database.drop();
      const nc = await connect({ servers: NATS_URL });
      const jsm = await jetstreamManager(nc);
      for (const name of [config.streams.evt, config.streams.dir]) await jsm.streams.delete(name).catch(() => undefined);
      await nc.close();
    },
  };
}

/** Compiles and starts the module; an app that fails half-way is closed (its pools and connections). */
async function bootApp(module: () => DynamicModule): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [module()] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ bodyLimit: 1024 * 1024 }), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  try {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

export * from './reacting-service';
export * from './service-harness';
