import 'reflect-metadata';
import { runService } from '@ws/platform';
import { StationsModule } from './stations.module';

runService(StationsModule.forRoot(), '驿站服务 stations').catch((error: unknown) => {
  process.stderr.write(`stations failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
