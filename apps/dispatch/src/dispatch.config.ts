import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { loadConfig, secretOrEphemeral, secretWithDevelopmentValue } from '@ws/kernel';

/** Dispatch settings from the environment, on top of the platform's (see README). */
export class DispatchEnv {
  /** How long a volunteer has to answer an invitation before it moves to the next candidate. */
  @IsInt() @Min(1) @Max(7 * 24 * 3600)
  INVITATION_TTL_SECONDS: number = 1800;

  /** How often expired invitations are swept and waiting tasks offered again. */
  @IsInt() @Min(50) @Max(600_000)
  DISPATCH_SWEEP_MS: number = 5000;

  /** A task with nobody left to ask is offered again (to newly registered volunteers) at most this often. */
  @IsInt() @Min(1) @Max(86_400)
  REOFFER_AFTER_SECONDS: number = 300;

  /** Someone who declined within this window is asked after those who did not. */
  @IsInt() @Min(0) @Max(30 * 24 * 60)
  DECLINE_COOLDOWN_MINUTES: number = 120;

  /** The window of "recent hours" for fair load. */
  @IsInt() @Min(1) @Max(366)
  FAIR_LOAD_DAYS: number = 30;

  /** Master key of the personal-data vault (wraps each volunteer's own key); required in production. */
  @IsOptional() @IsString() @MinLength(32)
  VAULT_KEY?: string;

  @IsInt() @Min(60) @Max(90 * 24 * 3600)
  VOLUNTEER_TOKEN_TTL_SECONDS: number = 30 * 24 * 3600;

  /** Signs volunteers' tokens (required in production; npm start keeps one per node under .run/). */
  @IsOptional() @IsString() @MinLength(32)
  VOLUNTEER_TOKEN_SECRET?: string;

  @IsOptional() @IsString()
  NODE_ENV?: string;
}

export interface DispatchConfig {
  invitationTtlMs: number;
  sweepIntervalMs: number;
  reofferAfterMs: number;
  declineCooldownMs: number;
  fairLoadDays: number;
  vaultKey: string;
  volunteerTokenTtlSeconds: number;
  volunteerTokenSecret: string;
}

export const DISPATCH_CONFIG = Symbol('DISPATCH_CONFIG');

export function dispatchConfig(env: NodeJS.ProcessEnv = process.env): DispatchConfig {
  const raw = loadConfig(DispatchEnv, env);
  return {
    invitationTtlMs: raw.INVITATION_TTL_SECONDS * 1000,
    sweepIntervalMs: raw.DISPATCH_SWEEP_MS,
    reofferAfterMs: raw.REOFFER_AFTER_SECONDS * 1000,
    declineCooldownMs: raw.DECLINE_COOLDOWN_MINUTES * 60_000,
    fairLoadDays: raw.FAIR_LOAD_DAYS,
    vaultKey: secretWithDevelopmentValue('VAULT_KEY', raw.VAULT_KEY, raw.NODE_ENV, 'volunteers\' personal data are sealed', 'waystation-dev-vault-key-change-me-now'),
    volunteerTokenTtlSeconds: raw.VOLUNTEER_TOKEN_TTL_SECONDS,
    volunteerTokenSecret: secretOrEphemeral('VOLUNTEER_TOKEN_SECRET', raw.VOLUNTEER_TOKEN_SECRET, raw.NODE_ENV, 'volunteers\' tokens are signed'),
  };
}
