import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { loadConfig, secretOrEphemeral, secretWithDevelopmentValue } from '@ws/kernel';

/** The jobs service's settings from the environment, on top of the platform's. */
export class JobsEnv {
  /** Master key of the jobs vault (seekers' real names, employers' contacts, householders' addresses); required in production. */
  @IsOptional() @IsString() @MinLength(32)
  JOBS_VAULT_KEY?: string;

  /** How long a seeker's or an employer's session lasts. */
  @IsInt() @Min(60) @Max(90 * 24 * 3600)
  JOBS_SESSION_TTL_SECONDS: number = 30 * 24 * 3600;

  /** Signs seekers' and employers' session tokens (required in production; npm start keeps one per node under .run/). */
  @IsOptional() @IsString() @MinLength(32)
  JOBS_SESSION_SECRET?: string;

  /** How often open postings past their valid-until are expired (and leave search). */
  @IsInt() @Min(100) @Max(24 * 3600 * 1000)
  JOBS_SWEEP_MS: number = 60_000;

  @IsOptional() @IsString()
  NODE_ENV?: string;
}

export interface JobsConfig {
  vaultKey: string;
  sessionTtlSeconds: number;
  sessionSecret: string;
  sweepIntervalMs: number;
}

export const JOBS_CONFIG = Symbol('JOBS_CONFIG');

export function jobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
  const raw = loadConfig(JobsEnv, env);
  return {
    vaultKey: secretWithDevelopmentValue('JOBS_VAULT_KEY', raw.JOBS_VAULT_KEY, raw.NODE_ENV, 'seekers\' and employers\' personal data are sealed', 'waystation-dev-jobs-vault-key-change-me'),
    sessionTtlSeconds: raw.JOBS_SESSION_TTL_SECONDS,
    sweepIntervalMs: raw.JOBS_SWEEP_MS,
    sessionSecret: secretOrEphemeral('JOBS_SESSION_SECRET', raw.JOBS_SESSION_SECRET, raw.NODE_ENV, "seekers' and employers' sessions are signed"),
  };
}
