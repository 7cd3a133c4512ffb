import { connect, type ConnectionOptions, NatsConnection } from '@nats-io/transport-node';

export interface ConnectNatsOptions {
  /** Prefix of the connection's reply inboxes (nodeInboxPrefix: a parent routes replies by node). */
  inboxPrefix?: string;
}

/**
 * A connection that never gives up reconnecting once established: a service outlives a
 * nats-server restart. `servers` may list several URLs separated by commas. Credentials in a
 * URL (nats://user:password@host:4222) log the connection in as that user (the client library
 * itself ignores them).
 */
export function connectNats(servers: string, name: string, options: ConnectNatsOptions = {}): Promise<NatsConnection> {
  return connect({
    ...natsConnectOptions(servers),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
  });
}

/**
 * Connection options for `servers` (comma-separated URLs) with the credentials their URLs carry
 * (nats://user:password@host:4222), which the client library does not read from a URL itself.
 */
export function natsConnectOptions(servers: string): ConnectionOptions & { servers: string[] } {
  const urls = servers.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const credentials = urls.map(credentialsIn).find((found) => found !== undefined);
  return { servers: urls.map(withoutCredentials), ...(credentials ?? {}) };
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
