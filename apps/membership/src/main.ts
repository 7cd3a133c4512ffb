import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createServiceApp, listen, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { MembershipModule } from './membership.module';
import { PII_KEYS, type PiiKeys } from './personal-data/pii-keys';

/** HTTP API; its reactions (points from wishes, dispatch and stations events; transfers) run with the platform's projections. */
async function main(): Promise<void> {
  const app = await createServiceApp(MembershipModule.forRoot(), '入会 membership');
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  if (app.get<PiiKeys>(PII_KEYS).development) {
    new Logger('PersonalDataVault').warn('PII_MASTER_KEY / PII_HMAC_KEY not set: using the development keys (never in production)');
  }
  const base = await listen(app);
  process.stdout.write(`${config.service}@${config.node.code} ${config.node.name}: API ${base}  OpenAPI ${base}/docs  health ${base}/health\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`membership failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
