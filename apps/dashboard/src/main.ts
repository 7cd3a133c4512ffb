import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createDashboardApp } from './dashboard.app';
import { dashboardConfig } from './dashboard-config';

async function main(): Promise<void> {
  const config = dashboardConfig();
  const app = await createDashboardApp(config);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.http.port, config.http.host);
  const upstreams = Object.entries(config.upstreams).map(([app, url]) => `${app}=${url}`).join(' ');
  process.stdout.write(`dashboard@${config.node.code} ${config.node.name}: http://${config.http.host}:${config.http.port}/  职工端 ${config.publicOrigin}/h5/  (${upstreams})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`dashboard failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
