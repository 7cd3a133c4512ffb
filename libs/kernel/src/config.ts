import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Reads environment variables into a validated, typed object. A bad or missing setting stops
 * the process at start with every problem listed, instead of failing later at first use.
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const config = plainToInstance(cls, { ...env }, { enableImplicitConversion: true, excludeExtraneousValues: false });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`));
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
