import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const IDLE_SWEEP_MS = 250;

/**
 * While the app closes, every response says `Connection: close`, so a kept-alive client opens a
 * new connection for its next request (refused: it tries again later, elsewhere) instead of the
 * connection staying open after the request in flight. Fastify marks requests that *arrive*
 * while closing; this marks those already in their handler when the stop began.
 */
export function closeConnectionsWhenStopping(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
}

/** The longest an outbox flush may take while the service stops (the bus may be away). */
export const OUTBOX_FLUSH_ON_STOP_MS = 5_000;

/**
 * A service process stops on SIGTERM or SIGINT by closing the app: Nest stops the reactions'
 * consumers (each after the message it is handling), Fastify stops accepting connections and
 * answers the requests already received (their commands commit), then the providers stop — the
 * relay publishes what the outbox still holds (OutboxRelayService), projections release their
 * leases — and the database pool and NATS connection close last (PlatformModule). Done, the
 * process exits 0; still going after `graceMs`, it exits 1 (the outbox keeps what was not
 * published, the next start publishes it).
 */
export function stopOnSignals(app: INestApplication, service: string, graceMs: number): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    process.stdout.write(`${service}: ${signal}, stopping (at most ${graceMs} ms)\n`);
    // Backstop for closeConnectionsWhenStopping: a connection that went idle just as the stop
    // began would otherwise hold server.close() until its keep-alive timeout (72 s).
    const server = app.getHttpServer() as Server;
    const sweep = setInterval(() => server.closeIdleConnections?.(), IDLE_SWEEP_MS);
    sweep.unref();
    const watchdog = setTimeout(() => {
      process.stderr.write(`${service}: not stopped within ${graceMs} ms; exiting\n`);
      process.exit(1);
    }, graceMs);
    watchdog.unref();
    app.close().then(
      () => {
        process.stdout.write(`${service}: stopped in ${Date.now() - started} ms\n`);
        // A moment for the lines above to reach a pipe before exit.
        setTimeout(() => process.exit(0), 50);
      },
      (error: unknown) => {
        process.stderr.write(`${service}: stopping failed: ${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(signal));
}
