import 'reflect-metadata';
import { listen, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { createWishesApp } from './wishes.app';

async function main(): Promise<void> {
  const app = await createWishesApp();
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  const base = await listen(app);
  process.stdout.write(`${config.service}@${config.node.code} ${config.node.name}: API ${base}  OpenAPI ${base}/docs  health ${base}/health\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`wishes failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
