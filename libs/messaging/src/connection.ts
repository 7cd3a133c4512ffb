import { connect, NatsConnection } from '@nats-io/transport-node';

export interface ConnectNatsOptions {
  /** Prefix of the connection's reply inboxes (nodeInboxPrefix: a parent routes replies by node). */
  inboxPrefix?: string;
}

/**
 * A connection that never gives up reconnecting once established: a service outlives a
 * nats-server restart. `servers` may list several URLs separated by commas.
 */
export function connectNats(servers: string, name: string, options: ConnectNatsOptions = {}): Promise<NatsConnection> {
  return connect({
    servers: servers.split(',').map((s) => s.trim()).filter((s) => s.length > 0),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
  });
}
