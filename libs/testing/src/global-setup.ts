import { connect } from 'node:net';
import { NATS_URL, PG_URL } from './infra';

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

/** Integration tests never skip: missing infrastructure stops the whole run, saying what is missing. */
export default async function globalSetup(): Promise<void> {
  const missing: string[] = [];
  if (!(await reachable(PG_URL, 5432))) missing.push(`PostgreSQL at ${PG_URL} (set PG_URL)`);
  if (!(await reachable(NATS_URL, 4222))) missing.push(`NATS with JetStream at ${NATS_URL} (set NATS_URL)`);
  if (missing.length > 0) {
    throw new Error(`Tests need infrastructure that is not reachable:\n  - ${missing.join('\n  - ')}`);
  }
}
