import { connect } from 'node:net';
import { containersRequested, startContainers } from './containers';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || defaultPort), timeout: 3000 });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Integration tests never skip: missing infrastructure stops the whole run, saying what is missing.
 * Infrastructure comes from PG_URL / NATS_URL (defaults: the machine's local services), or from
 * containers when TESTCONTAINERS=1; the URLs set here are inherited by the test workers.
 */
export default async function globalSetup(): Promise<void> {
  if (containersRequested()) {
    const infra = await startContainers();
    process.env['PG_URL'] = infra.pgUrl;
    process.env['NATS_URL'] = infra.natsUrl;
    (globalThis as { __WS_INFRA__?: typeof infra }).__WS_INFRA__ = infra;
  }
  const pgUrl = process.env['PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const missing: string[] = [];
  if (!(await reachable(pgUrl, 5432))) missing.push(`PostgreSQL at ${pgUrl} (set PG_URL)`);
  if (!(await reachable(natsUrl, 4222))) missing.push(`NATS with JetStream at ${natsUrl} (set NATS_URL)`);
  if (missing.length > 0) {
    throw new Error(`Tests need infrastructure that is not reachable:\n  - ${missing.join('\n  - ')}`);
  }
}
