import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createFastifyAdapter, registerSecurityHeaders } from '@ws/kernel';
import { closeConnectionsWhenStopping, stopOnSignals } from './graceful-stop';
import { trustedProxiesOf, type PlatformConfig } from './platform-config';
import { PLATFORM_CONFIG } from './tokens';

export type ServiceModule = Type<unknown> | DynamicModule;

/**
 * A service's Nest app on Fastify (createFastifyAdapter: a 1 MiB body limit — a kiosk's day of
 * offline check-ins fits —, Fastify's refusals as problem+json, the trusted proxies), with the
 * security headers and OpenAPI at /docs (listen() adds the graceful stop).
 */
export async function createServiceApp(module: ServiceModule, title: string, env: NodeJS.ProcessEnv = process.env): Promise<NestFastifyApplication> {
  // The adapter exists before the module's config does: the proxies come from the same variable.
  // A failed start throws to the entry file, which says why and exits (Nest's default aborts, dumping core).
  const app = await NestFactory.create<NestFastifyApplication>(module, createFastifyAdapter({ trustedProxies: trustedProxiesOf(env) }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  await prepareServiceApp(app);
  const platform = app.get<PlatformConfig>(PLATFORM_CONFIG);
  // Built on the first request for /docs, not at start: seven services' documents cost a compact
  // node seconds of its start and memory that only whoever reads the docs needs.
  const document = () => SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`${title} (${platform.node.name} ${platform.node.code})`)
      .setDescription('工会驿站 Waystation API. Errors are application/problem+json with a stable `code`.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** Listens on the configured port, and stops gracefully on SIGTERM/SIGINT (see stopOnSignals): for a service's process. */
export async function listen(app: INestApplication): Promise<string> {
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  stopOnSignals(app, `${config.service}@${config.node.code}`, config.shutdownGraceMs ?? 20_000);
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

/**
 * What every service app gets however it is created (here, and by the test helpers): headers.
 * A process's signals are handled by listen() (stopOnSignals), not by Nest's shutdown hooks,
 * which re-raise the signal after closing (the process would end by SIGTERM, not exit 0).
 */
export async function prepareServiceApp(app: NestFastifyApplication): Promise<void> {
  await registerSecurityHeaders(app);
  closeConnectionsWhenStopping(app);
}
