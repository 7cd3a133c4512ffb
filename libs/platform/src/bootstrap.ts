import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { PlatformConfig } from './platform-config';
import { PLATFORM_CONFIG } from './tokens';

/** A kiosk uploading a day of offline check-ins fits; anything larger is refused with 413. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export type ServiceModule = Type<unknown> | DynamicModule;

export async function createServiceApp(module: ServiceModule, title: string): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`${title} (${config.node.name} ${config.node.code})`)
      .setDescription('工会驿站 Waystation API. Errors are application/problem+json with a stable `code`.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

export async function listen(app: INestApplication): Promise<string> {
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  return `http://${config.http.host}:${port}`;
}

/** Entry point of a service process: build, listen, and print where it answers. */
export async function runService(module: ServiceModule, title: string): Promise<void> {
  const app = await createServiceApp(module, title);
  const base = await listen(app);
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  process.stdout.write(
    `${config.service}@${config.node.code} ${config.node.name}: API ${base}  OpenAPI ${base}/docs  health ${base}/health  metrics ${base}/metrics\n`,
  );
}
