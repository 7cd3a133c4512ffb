import { connect, NatsConnection } from '@nats-io/transport-node';

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
  const urls = servers.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const credentials = urls.map(credentialsIn).find((found) => found !== undefined);
  return connect({
    servers: urls.map(withoutCredentials),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    ...(credentials ?? {}),
    ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
  });
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
