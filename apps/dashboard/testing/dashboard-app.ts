import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DashboardConfig } from '../src/dashboard-config';
import { DashboardModule } from '../src/dashboard.module';

export interface RunningDashboard {
  url: string;
  close(): Promise<void>;
}

/** The dashboard app in this process, on 127.0.0.1 at config.http.port (0: any free port). */
export async function startDashboard(config: DashboardConfig): Promise<RunningDashboard> {
  const app = await NestFactory.create<NestFastifyApplication>(DashboardModule.forRoot({ config }), new FastifyAdapter(), { logger: false });
  await app.listen(config.http.port, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export function testDashboardConfig(overrides: Partial<DashboardConfig> & Pick<DashboardConfig, 'node' | 'natsUrl' | 'evtStream'>): DashboardConfig {
  return { http: { port: 0, host: '127.0.0.1' }, upstreams: {}, children: [], liveFeedSize: 30, logLevel: 'silent', ...overrides };
}
