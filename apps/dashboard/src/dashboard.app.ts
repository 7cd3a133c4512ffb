import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createFastifyAdapter, registerSecurityHeaders } from '@ws/kernel';
import type { DashboardConfig } from './dashboard-config';
import { DashboardModule, DashboardOptions } from './dashboard.module';

/**
 * The node web front as an app (main.ts and the tests). It parses no request body: every body
 * it receives is for a service behind /api/ and is streamed there as it comes (a photo upload
 * included), so Fastify's parsers are replaced by one that leaves the stream unread (and Nest
 * is told not to add its own). Security headers and the trusted proxies are the platform's
 * (createFastifyAdapter, registerSecurityHeaders), as on every service.
 */
export async function createDashboardApp(config: DashboardConfig, options: Omit<DashboardOptions, 'config'> & { logger?: false } = {}): Promise<NestFastifyApplication> {
  const { logger, ...module } = options;
  const app = await NestFactory.create<NestFastifyApplication>(
    DashboardModule.forRoot({ ...module, config }),
    createFastifyAdapter({ trustedProxies: config.trustedProxies }),
    { bodyParser: false, abortOnError: false, ...(logger === false ? { logger: false } : { bufferLogs: true }) },
  );
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
  await registerSecurityHeaders(app);
  return app;
}
