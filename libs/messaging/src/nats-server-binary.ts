import { existsSync } from 'node:fs';

/** The nats-server the launcher and the tests run: `NATS_SERVER_BIN`, else the distribution's, else the one on the PATH. */
export function natsServerBinary(): string {
  return process.env['NATS_SERVER_BIN'] ?? (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');
}
