import { existsSync } from 'node:fs';
import { connect, type ConnectionOptions, NatsConnection } from '@nats-io/transport-node';

export interface ConnectNatsOptions {
  /** Prefix of the connection's reply inboxes (nodeInboxPrefix: a parent routes replies by node). */
  inboxPrefix?: string;
  /**
   * The CA (PEM) the server's certificate must be of: the connection is then TLS, and its
   * password is sent only after the certificate checked out for the URL's host. None: plain.
   */
  caFile?: string;
}

/** The variable naming the CA file a node's services and tools check their nats-server with. */
export const NATS_CA_FILE_VARIABLE = 'NATS_CA_FILE';

/**
 * NATS_CA_FILE: the CA file (PEM) a node's nats-server's certificate is checked against. No
 * working default in production (NODE_ENV=production): a node there speaks TLS to its
 * nats-server, so the process stops at start without it, or when no file is at the path.
 * Elsewhere, unset, the connection is plain (throw-away test servers).
 */
export function natsCaFileOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[NATS_CA_FILE_VARIABLE] || undefined;
  if (!file && env['NODE_ENV'] === 'production') {
    throw new Error(`invalid configuration:\n  ${NATS_CA_FILE_VARIABLE}: required in production (the node's CA file: the nats-server's certificate is checked with it before a password is sent)`);
  }
  if (file && !existsSync(file)) throw new Error(`invalid configuration:\n  ${NATS_CA_FILE_VARIABLE}: no file at ${file}`);
  return file;
}

/**
 * A connection that never gives up reconnecting once established: a service outlives a
 * nats-server restart. `servers` may list several URLs separated by commas. Credentials in a
 * URL (nats://user:password@host:4222) log the connection in as that user (the client library
 * itself ignores them).
 */
export function connectNats(servers: string, name: string, options: ConnectNatsOptions = {}): Promise<NatsConnection> {
  return connect({
    ...natsConnectOptions(servers, options.caFile),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
  });
}

/**
 * Connection options for `servers` (comma-separated URLs) with the credentials their URLs carry
 * (nats://user:password@host:4222), which the client library does not read from a URL itself,
 * and with `caFile`, TLS checked against that CA (the library reads the file at every
 * (re)connection, so a CA rotation's new trust file is taken at the next reconnect).
 */
export function natsConnectOptions(servers: string, caFile?: string): ConnectionOptions & { servers: string[] } {
  const urls = servers.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const credentials = urls.map(credentialsIn).find((found) => found !== undefined);
  return { servers: urls.map(withoutCredentials), ...(credentials ?? {}), ...(caFile ? { tls: { caFile } } : {}) };
}

/** A URL with the user and password of `credentials` (nats://user:password@host:port). */
export function withNatsCredentials(url: string, credentials: { user: string; password: string }): string {
  const at = url.indexOf('://');
  return `${url.slice(0, at + 3)}${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@${withoutCredentials(url).slice(at + 3)}`;
}

function credentialsIn(url: string): { user: string; pass: string } | undefined {
  const match = /^[a-z]+:\/\/([^:@/]+):([^@/]*)@/i.exec(url);
  return match ? { user: decodeURIComponent(match[1]!), pass: decodeURIComponent(match[2]!) } : undefined;
}

function withoutCredentials(url: string): string {
  return url.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1');
}

// The JetStream views of a connection, for the platform's providers and the launcher: nothing
// outside this lib imports nats.js itself.
export { jetstream, jetstreamManager } from '@nats-io/jetstream';
export type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
