import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between a service and Postgres or nats-server that a test can break:
 * - `cut()`: every connection is reset and new ones are reset as soon as they arrive (the
 *   server is gone: the client sees ECONNRESET at once);
 * - `hold()`: connections stay open but nothing crosses in either direction, and new ones are
 *   accepted and never reach the server (packets dropped: only the client's timeouts notice);
 * - `restore()`: traffic flows again — held connections resume where they stopped, new ones
 *   reach the server.
 * Plain `node:net`: toxiproxy (the established tool) is a Go server that does not install here
 * through npm or Debian, and the three faults above are all the scenarios need.
 */
export type FaultMode = 'open' | 'held' | 'cut';

interface Link {
  client: Socket;
  server?: Socket;
}

export class FaultProxy {
  private mode: FaultMode = 'open';
  private readonly links = new Set<Link>();
  /** Connections accepted while held, waiting to be connected on restore. */
  private readonly pending = new Set<Link>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** Listens on a free port of 127.0.0.1 in front of `target` (a URL such as postgres://… or nats://…). */
  static async start(targetUrl: string): Promise<FaultProxy> {
    const url = new URL(targetUrl);
    const target = { host: url.hostname, port: Number(url.port) };
    let proxy: FaultProxy | undefined;
    const server = createServer((client) => proxy!.accept(client));
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    proxy = new FaultProxy(server, port, target);
    return proxy;
  }

  /** `targetUrl` with its host and port replaced by the proxy's. */
  urlFor(targetUrl: string): string {
    const url = new URL(targetUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  get state(): FaultMode {
    return this.mode;
  }

  /** How many client connections are open through the proxy (held ones included). */
  get connections(): number {
    return this.links.size + this.pending.size;
  }

  cut(): void {
    this.mode = 'cut';
    for (const link of [...this.links, ...this.pending]) this.drop(link);
  }

  hold(): void {
    this.mode = 'held';
    for (const link of this.links) {
      link.client.pause();
      link.server?.pause();
    }
  }

  restore(): void {
    this.mode = 'open';
    for (const link of this.links) {
      link.client.resume();
      link.server?.resume();
    }
    for (const link of this.pending) {
      this.pending.delete(link);
      this.connect(link);
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.setNoDelay(true);
    const link: Link = { client };
    client.on('error', () => this.drop(link));
    client.on('close', () => this.drop(link));
    if (this.mode === 'cut') return this.drop(link);
    if (this.mode === 'held') {
      client.pause();
      this.pending.add(link);
      return;
    }
    this.connect(link);
  }

  private connect(link: Link): void {
    const server = createConnection(this.target);
    server.setNoDelay(true);
    link.server = server;
    this.links.add(link);
    server.on('error', () => this.drop(link));
    server.on('close', () => this.drop(link));
    link.client.pipe(server);
    server.pipe(link.client);
    link.client.resume();
  }

  /** Resets both ends (RST, not FIN: a vanished server, not a polite close). */
  private drop(link: Link): void {
    this.links.delete(link);
    this.pending.delete(link);
    for (const socket of [link.client, link.server]) if (socket && !socket.destroyed) resetOrDestroy(socket);
  }
}

/**
 * An RST where one can still be sent; a socket already ending (a pipe ends the other side of a
 * link when one side hangs up) is destroyed instead. libuv refuses to reset a socket while its
 * shutdown is under way (EINVAL), and Node then marks the handle closing without closing it: the
 * process never exits, spinning in its exit cleanup — `npm run bench:faults` did after a NATS hold,
 * whose links hang up together on restore.
 */
export function resetOrDestroy(socket: Socket): void {
  if (socket.writableEnded) socket.destroy();
  else socket.resetAndDestroy();
}
