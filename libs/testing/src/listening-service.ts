import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createFastifyAdapter } from '@ws/kernel';
import { prepareServiceApp, type PlatformConfig } from '@ws/platform';
import { trustTestKeysOf } from './officer-tokens';

export interface ListeningService {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port> */
  base: string;
}

/**
 * A service module in-process, listening on a free port, with its read models and reactions
 * running as in the built process. It believes the test keys of its node and the node's
 * ancestors (see officerToken).
 */
export async function startListeningService(module: DynamicModule, config: PlatformConfig): Promise<ListeningService> {
  const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter({ trustedProxies: config.trustedProxies }), { logger: false });
  await prepareServiceApp(app);
  await app.init();
  await trustTestKeysOf(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, base: `http://127.0.0.1:${address.port}` };
}
