import { createServer, type Server, type Socket, connect as connectTcp } from 'node:net';

/**
 * A TCP relay between a child's nats-server and its parent's leafnode port, so that a test can
 * cut the link between two running servers (a network partition) and heal it again, neither
 * server knowing anything but that the connection dropped and, for a while, could not be made.
 */
export class LinkProxy {
  private readonly pairs = new Set<Socket>();
  private isCut = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on a free loopback port and forwards each connection to 127.0.0.1:`targetPort`. */
  static async open(targetPort: number): Promise<LinkProxy> {
    let proxy: LinkProxy | undefined;
    const server = createServer((inbound) => proxy!.accept(inbound, targetPort));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('the link proxy has no port');
    proxy = new LinkProxy(server, address.port);
    return proxy;
  }

  /** Where the child dials its parent instead of the parent's own leafnode URL. */
  get leafUrl(): string {
    return `nats-leaf://127.0.0.1:${this.port}`;
  }

  get cut(): boolean {
    return this.isCut;
  }

  /** Drops the link's connections and refuses new ones until heal(). */
  sever(): void {
    this.isCut = true;
    for (const socket of this.pairs) socket.destroy();
  }

  heal(): void {
    this.isCut = false;
  }

  async close(): Promise<void> {
    this.sever();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(inbound: Socket, targetPort: number): void {
    if (this.isCut) {
      inbound.destroy();
      return;
    }
    const outbound = connectTcp({ host: '127.0.0.1', port: targetPort });
    for (const [socket, other] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      this.pairs.add(socket);
      socket.on('error', () => other.destroy());
      socket.on('close', () => {
        this.pairs.delete(socket);
        other.destroy();
      });
    }
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  }
}
