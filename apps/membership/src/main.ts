import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { connectReactions, createServiceApp, listen, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { MEMBERSHIP_SERVICE, MembershipModule } from './membership.module';
import { PII_KEYS, type PiiKeys } from './personal-data/pii-keys';

/** HTTP API plus the durable reactions (points from wishes, dispatch and stations events). */
async function main(): Promise<void> {
  const app = await createServiceApp(MembershipModule.forRoot(), '入会 membership');
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  if (app.get<PiiKeys>(PII_KEYS).development) {
    new Logger('PersonalDataVault').warn('PII_MASTER_KEY / PII_HMAC_KEY not set: using the development keys (never in production)');
  }
  connectReactions(app, { service: MEMBERSHIP_SERVICE });
  await app.startAllMicroservices();
  const base = await listen(app);
  process.stdout.write(`${config.service}@${config.node.code} ${config.node.name}: API ${base}  OpenAPI ${base}/docs  health ${base}/health\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`membership failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
