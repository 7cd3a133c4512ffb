import type { DynamicModule } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { JetStreamTransport } from '@ws/messaging';
import type { PlatformConfig } from '@ws/platform';
import { NATS_URL } from './infra';

export interface ReactingService {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port> */
  base: string;
}

/**
 * A service module in-process, listening on a free port, with its durable reactions to the
 * node's EVT stream (the JetStream transport) running as in the built process.
 */
export async function startReactingService(module: DynamicModule, config: PlatformConfig): Promise<ReactingService> {
  const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ bodyLimit: 1024 * 1024 }), { logger: false });
  app.enableShutdownHooks();
  app.connectMicroservice(
    { strategy: new JetStreamTransport({ servers: NATS_URL, node: config.node, stream: config.streams.evt, service: config.service, retryDelayMs: 100 }) },
    { inheritAppConfig: true },
  );
  await app.init();
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, base: `http://127.0.0.1:${address.port}` };
}
