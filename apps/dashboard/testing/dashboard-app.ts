import type { DashboardConfig } from '../src/dashboard-config';
import { createDashboardApp } from '../src/dashboard.app';

export interface RunningDashboard {
  url: string;
  close(): Promise<void>;
}

/** The dashboard app in this process, on 127.0.0.1 at config.http.port (0: any free port). */
export async function startDashboard(config: DashboardConfig): Promise<RunningDashboard> {
  const app = await createDashboardApp(config, { logger: false });
  await app.listen(config.http.port, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export function testDashboardConfig(overrides: Partial<DashboardConfig> & Pick<DashboardConfig, 'node' | 'natsUrl' | 'evtStream'>): DashboardConfig {
  return { http: { port: 0, host: '127.0.0.1' }, publicOrigin: 'http://127.0.0.1', upstreams: {}, children: [], liveFeedSize: 30, liveMaxClients: 500, trustedProxies: [], logLevel: 'silent', ...overrides };
}
