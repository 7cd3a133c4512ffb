import 'reflect-metadata';
import { connectReactions, createServiceApp, listen, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { DISPATCH_CONFIG } from './dispatch.config';
import type { DispatchConfig } from './dispatch.config';
import { DISPATCH_SERVICE, DispatchModule } from './dispatch.module';

/** HTTP API plus the durable reactions to the wishes service's events on the node's EVT stream. */
async function main(): Promise<void> {
  const app = await createServiceApp(DispatchModule.forRoot(), '统一派单 dispatch');
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  const { reactionAckWaitMs } = app.get<DispatchConfig>(DISPATCH_CONFIG);
  connectReactions(app, { service: DISPATCH_SERVICE, ackWaitMs: reactionAckWaitMs });
  await app.startAllMicroservices();
  const base = await listen(app);
  process.stdout.write(`${config.service}@${config.node.code} ${config.node.name}: API ${base}  OpenAPI ${base}/docs  health ${base}/health\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`dispatch failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
