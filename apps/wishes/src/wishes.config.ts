import { IsNumber, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { loadConfig, secretWithDevelopmentValue } from '@ws/kernel';
import { DEFAULT_WISH_POLICY, scaledPolicy, WishPolicy } from './wish/wish-policy';

/** Wishes settings from the environment, on top of the platform's (see README). */
export class WishesEnv {
  /** Multiplies every deadline of the wish policy: 1 in production, tiny in tests and benchmarks. */
  @IsNumber() @Min(0.000001) @Max(100)
  WISHES_DEADLINE_SCALE: number = 1;

  /** How often overdue wishes are escalated and unconfirmed ones closed. */
  @IsInt() @Min(50) @Max(3_600_000)
  WISHES_SWEEP_MS: number = 60_000;

  /** Master key of the contact vault (wraps each contact's own key); required in production. */
  @IsOptional() @IsString() @MinLength(32)
  WISHES_VAULT_KEY?: string;

  /** Secret from which each wish's author key is derived (so a replayed post returns the same key); required in production. */
  @IsOptional() @IsString() @MinLength(32)
  WISHES_AUTHOR_SECRET?: string;
}

export interface WishesConfig {
  policy: WishPolicy;
  sweepIntervalMs: number;
  vaultKey: string;
  authorSecret: string;
}

export const WISHES_CONFIG = Symbol('WISHES_CONFIG');

export function wishesConfig(env: NodeJS.ProcessEnv = process.env): WishesConfig {
  const raw = loadConfig(WishesEnv, env);
  return {
    policy: raw.WISHES_DEADLINE_SCALE === 1 ? DEFAULT_WISH_POLICY : scaledPolicy(raw.WISHES_DEADLINE_SCALE),
    sweepIntervalMs: raw.WISHES_SWEEP_MS,
    vaultKey: secretWithDevelopmentValue('WISHES_VAULT_KEY', raw.WISHES_VAULT_KEY, env['NODE_ENV'], 'wish authors\' contacts are sealed', 'waystation-dev-wishes-vault-key-change-me'),
    authorSecret: secretWithDevelopmentValue('WISHES_AUTHOR_SECRET', raw.WISHES_AUTHOR_SECRET, env['NODE_ENV'], 'wish authors\' keys are derived', 'waystation-dev-wishes-author-secret-change-me'),
  };
}
