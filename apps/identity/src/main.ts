import 'reflect-metadata';
import { runService } from '@ws/platform';
import { IdentityModule } from './identity.module';

runService(IdentityModule.forRoot(), '身份认证 identity').catch((error: unknown) => {
  process.stderr.write(`identity failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
