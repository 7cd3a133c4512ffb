import 'reflect-metadata';
import { runService } from '@ws/platform';
import { NotifyModule } from './notify.module';

runService(NotifyModule.forRoot(), '消息触达 notify').catch((error: unknown) => {
  process.stderr.write(`notify failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
