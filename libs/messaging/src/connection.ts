import { connect, NatsConnection } from '@nats-io/transport-node';

/**
 * A connection that never gives up reconnecting once established: a service outlives a
 * nats-server restart. `servers` may list several URLs separated by commas.
 */
export function connectNats(servers: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: servers.split(',').map((s) => s.trim()).filter((s) => s.length > 0),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
  });
}
