import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { nodeFromCode, nodeRef, NodeRef } from '@ws/contracts';
import { loadConfig } from '@ws/kernel';

/** Settings every service reads from the environment (see README, deploy/). */
export class PlatformEnv {
  /** GB/T 2260 code of the node this process serves: 33, 3308, 330802 … */
  @Matches(/^(\d{2}|\d{4}|\d{6}|x[0-9a-f]{5})$/, { message: 'NODE_CODE must be a 2, 4 or 6 digit GB/T 2260 code' })
  NODE_CODE: string = '330802';

  @IsString()
  PG_URL: string = 'postgres://postgres@127.0.0.1:5432/postgres';

  /** Database name; default n<code>_<service>. */
  @IsOptional() @IsString()
  PG_DATABASE?: string;

  /** Connections per process; npm start lowers it, 24 services sharing one Postgres. */
  @IsInt() @Min(1) @Max(100)
  PG_POOL_MAX: number = 10;

  @IsString()
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @IsString()
  EVT_STREAM: string = 'EVT';

  @IsString()
  DIR_STREAM: string = 'DIR';

  @IsInt() @Min(0) @Max(65535)
  HTTP_PORT: number = 3000;

  @IsString()
  HTTP_HOST: string = '127.0.0.1';

  @IsString() @MinLength(16)
  JWT_SECRET: string = 'waystation-dev-secret-change-me';

  @IsInt() @Min(1)
  THROTTLE_PER_MINUTE: number = 600;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';
}

export interface PlatformConfig {
  service: string;
  node: NodeRef;
  pgServerUrl: string;
  database: string;
  /** Pool size (default 10). */
  pgPoolMax?: number;
  natsUrl: string;
  streams: { evt: string; dir: string };
  http: { port: number; host: string };
  jwtSecret: string;
  throttlePerMinute: number;
  logLevel: string;
}

export function platformConfig(service: string, env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const raw = loadConfig(PlatformEnv, env);
  const node = raw.NODE_CODE.startsWith('x') ? nodeRef(raw.NODE_CODE) : nodeFromCode(raw.NODE_CODE);
  return {
    service,
    node,
    pgServerUrl: raw.PG_URL,
    database: raw.PG_DATABASE ?? `n${node.code}_${service}`,
    pgPoolMax: raw.PG_POOL_MAX,
    natsUrl: raw.NATS_URL,
    streams: { evt: raw.EVT_STREAM, dir: raw.DIR_STREAM },
    http: { port: raw.HTTP_PORT, host: raw.HTTP_HOST },
    jwtSecret: raw.JWT_SECRET,
    throttlePerMinute: raw.THROTTLE_PER_MINUTE,
    logLevel: raw.LOG_LEVEL,
  };
}
