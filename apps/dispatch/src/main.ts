import 'reflect-metadata';
import { createServiceApp, listen, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { DispatchModule } from './dispatch.module';

/** HTTP API; its reaction to the wishes service's events runs with the platform's projections. */
async function main(): Promise<void> {
  const app = await createServiceApp(DispatchModule.forRoot(), '统一派单 dispatch');
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  const base = await listen(app);
  process.stdout.write(`${config.service}@${config.node.code} ${config.node.name}: API ${base}  OpenAPI ${base}/docs  health ${base}/health\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`dispatch failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
