import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { nodeFromCode, nodeRef, NodeRef } from '@ws/contracts';
import type { DbTimeouts } from '@ws/eventstore';
import { loadConfig, parseTrustedProxies } from '@ws/kernel';
import { natsCaFileOf } from '@ws/messaging';

const DEFAULT_TRUSTED_PROXIES = 'loopback';

/** The proxies a service believes (TRUSTED_PROXIES), read before the rest of its config exists. */
export function trustedProxiesOf(env: NodeJS.ProcessEnv = process.env): string[] {
  return parseTrustedProxies(env['TRUSTED_PROXIES'] ?? DEFAULT_TRUSTED_PROXIES);
}

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

  /** Server-side statement timeout of the service's pool (maintenance work has its own connection). */
  @IsInt() @Min(100)
  PG_STATEMENT_TIMEOUT_MS: number = 10_000;

  /** A transaction idle this long is ended by the server, its locks released. */
  @IsInt() @Min(100)
  PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: number = 30_000;

  /** Opening a connection, or waiting for a free one. */
  @IsInt() @Min(100)
  PG_CONNECT_TIMEOUT_MS: number = 3_000;

  /** A query without an answer this long fails on the client (a server dropping packets never answers). */
  @IsInt() @Min(100)
  PG_QUERY_TIMEOUT_MS: number = 12_000;

  /** Requests waiting for a pooled connection at most; more answer 503 at once. */
  @IsInt() @Min(1)
  PG_POOL_MAX_WAITING: number = 200;

  /** Most time a request's handler may take; then it answers 503 (the work it started ends by its own timeouts). */
  @IsInt() @Min(100)
  HTTP_DEADLINE_MS: number = 10_000;

  /**
   * On SIGTERM/SIGINT, the time the service has to stop taking requests, finish those in flight,
   * publish its outbox and stop its consumers; past it, it exits 1 all the same. Longer than
   * HTTP_DEADLINE_MS (a request in flight ends by then) plus the outbox flush.
   */
  @IsInt() @Min(1000)
  SHUTDOWN_GRACE_MS: number = 20_000;

  @IsString()
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** The node's CA file: the connection to NATS_URL is TLS, checked against it (natsCaFileOf: required in production). */
  @IsOptional() @IsString()
  NATS_CA_FILE?: string;

  @IsString()
  EVT_STREAM: string = 'EVT';

  @IsString()
  DIR_STREAM: string = 'DIR';

  @IsInt() @Min(0) @Max(65535)
  HTTP_PORT: number = 3000;

  @IsString()
  HTTP_HOST: string = '127.0.0.1';

  @IsInt() @Min(1)
  THROTTLE_PER_MINUTE: number = 600;

  /**
   * Proxies whose x-forwarded-for names the client (rate limits key on it): addresses or CIDR
   * ranges, comma-separated; `loopback` (default) is the node's web front on the same host,
   * `none` trusts nobody. In Docker, the front's network.
   */
  @IsString()
  TRUSTED_PROXIES: string = DEFAULT_TRUSTED_PROXIES;

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
  /** The pool's timeouts and queue bound (createDb); absent: none. */
  pgTimeouts?: DbTimeouts;
  /** Most time a request's handler may take before it answers 503 (absent: no deadline). */
  httpDeadlineMs?: number;
  /** See PlatformEnv.SHUTDOWN_GRACE_MS (absent: 20 s). */
  shutdownGraceMs?: number;
  natsUrl: string;
  /** The CA the nats-server's certificate is checked against (TLS); absent: plain (tests' own servers). */
  natsCaFile?: string;
  streams: { evt: string; dir: string };
  http: { port: number; host: string };
  throttlePerMinute: number;
  /** See PlatformEnv.TRUSTED_PROXIES; empty: the socket's address is the client. */
  trustedProxies: string[];
  logLevel: string;
}

export function platformConfig(service: string, env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const raw = loadConfig(PlatformEnv, env);
  const node = raw.NODE_CODE.startsWith('x') ? nodeRef(raw.NODE_CODE) : nodeFromCode(raw.NODE_CODE);
  const natsCaFile = natsCaFileOf(env);
  return {
    service,
    node,
    pgServerUrl: raw.PG_URL,
    database: raw.PG_DATABASE ?? `n${node.code}_${service}`,
    pgPoolMax: raw.PG_POOL_MAX,
    pgTimeouts: {
      statementTimeoutMs: raw.PG_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: raw.PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      connectionTimeoutMs: raw.PG_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: raw.PG_QUERY_TIMEOUT_MS,
      maxWaiting: raw.PG_POOL_MAX_WAITING,
    },
    httpDeadlineMs: raw.HTTP_DEADLINE_MS,
    shutdownGraceMs: raw.SHUTDOWN_GRACE_MS,
    natsUrl: raw.NATS_URL,
    ...(natsCaFile ? { natsCaFile } : {}),
    streams: { evt: raw.EVT_STREAM, dir: raw.DIR_STREAM },
    http: { port: raw.HTTP_PORT, host: raw.HTTP_HOST },
    throttlePerMinute: raw.THROTTLE_PER_MINUTE,
    trustedProxies: parseTrustedProxies(raw.TRUSTED_PROXIES),
    logLevel: raw.LOG_LEVEL,
  };
}
