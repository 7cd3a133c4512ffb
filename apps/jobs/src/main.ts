import 'reflect-metadata';
import { runService } from '@ws/platform';
import { JobsModule } from './jobs.module';

runService(JobsModule.forRoot(), '零工之家 jobs').catch((error: unknown) => {
  process.stderr.write(`jobs failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
