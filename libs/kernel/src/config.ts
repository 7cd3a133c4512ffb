import { randomBytes } from 'node:crypto';
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

/**
 * A signing secret with no working default: required when NODE_ENV is production; elsewhere, when
 * unset, a random one that lives as long as the process (what it signs stops working at a restart),
 * with a warning. npm start gives each node its own under .run/secrets instead.
 */
export function secretOrEphemeral(
  name: string,
  value: string | undefined,
  nodeEnv: string | undefined,
  purpose: string,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): string {
  if (nodeEnv === 'production') return productionSecret(name, value, purpose);
  if (value) return value;
  warn(`${name} is not set: ${purpose} with a random secret until this process stops`);
  return randomBytes(32).toString('hex');
}

/** What the built-in development values say of themselves ("waystation-dev-…-change-me", "… not secret"). */
const DEVELOPMENT_VALUE = /waystation[- ]dev|change[- ]?me|not secret/i;

/** A value that is, or looks like, one of the development secrets shipped in the code. */
export function isDevelopmentSecret(value: string, developmentValues: readonly string[] = []): boolean {
  return DEVELOPMENT_VALUE.test(value) || developmentValues.includes(value);
}

/**
 * A production node's secret: set, and not a development value (a default from the code, or a
 * copy of one); otherwise the process stops at start with the variable named.
 */
export function productionSecret(name: string, value: string | undefined, purpose: string, developmentValues: readonly string[] = []): string {
  if (!value) throw new Error(`invalid configuration:\n  ${name}: required in production (${purpose})`);
  if (isDevelopmentSecret(value, developmentValues)) {
    throw new Error(`invalid configuration:\n  ${name}: a development value, never for production — set the node's own secret (${purpose})`);
  }
  return value;
}

/**
 * A secret that must stay the same across restarts (it seals stored data), with a fixed
 * development value for a laptop: production requires the node's own (productionSecret).
 */
export function secretWithDevelopmentValue(name: string, value: string | undefined, nodeEnv: string | undefined, purpose: string, developmentValue: string): string {
  if (nodeEnv === 'production') return productionSecret(name, value, purpose, [developmentValue]);
  return value ?? developmentValue;
}
