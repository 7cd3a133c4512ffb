import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diesWithParent } from './dies-with-parent';
import type { NodeRef } from '@ws/contracts';
import {
  BUS_SERVICES,
  type BusService,
  FederationCredentials,
  federationSecret,
  jetStreamDomain,
  type LeafChild,
  type LeafTlsFiles,
  LOCAL_USER,
  type NatsCredentials,
  natsServerBinary,
  type ServerTlsFiles,
  renderNatsConfig,
  serviceUser,
  withNatsCredentials,
} from '@ws/messaging';
import { eventually } from './eventually';

export interface NatsProcessOptions {
  node: NodeRef;
  /** Default `n<code>`. */
  domain?: string;
  /**
   * The parent's leafUrl, to federate this server below it. When the parent is a server of
   * this helper, it learns the child's user (its config is rewritten and it restarts), and so do
   * the parent's ancestors, for the child's subtree.
   */
  parentLeafUrl?: string;
  /**
   * What this server presents to its parent: by default its own credentials (and the parent is
   * told about it); given here (or null, for none), the parent is not told anything.
   */
  parentCredentials?: NatsCredentials | null;
  /** Core subjects kept off the link to the parent (default evt.> and dir.>; [] for a server that keeps nothing back). */
  parentDeny?: string[];
  /**
   * Children allowed from the start (a federation whose whole tree is known up front, as the
   * launcher's): no restart per child admitted. Each child then starts with its credentials given.
   */
  children?: LeafChild[];
  startTimeoutMs?: number;
  /** Leafnode TLS files of this server (listener and link to its parent); none: plain links. */
  leafTls?: LeafTlsFiles;
  /** The certificate of the client port, which then takes TLS connections only; none: plain. */
  clientTls?: ServerTlsFiles;
}

/** The credentials of the test servers: derived from FEDERATION_SECRET, or the development secret. */
export const testFederationCredentials = new FederationCredentials(federationSecret().secret);

/**
 * A throw-away nats-server with JetStream for one test: its own ports and store directory.
 * stop()/kill() keep the store, so start() brings the same server back with its streams.
 */
export interface NatsProcess {
  readonly node: NodeRef;
  readonly domain: string;
  /**
   * The client URL with the node's `local` user in it (connectNats and natsConnectOptions read
   * it): the server takes no client without credentials.
   */
  readonly url: string;
  /** The client URL without credentials. */
  readonly plainUrl: string;
  /** The client URL of one of the node's services, logged in as its own user. */
  serviceUrl(service: BusService): string;
  readonly leafUrl: string;
  /** The monitoring endpoint (/varz, /leafz, /jsz). */
  readonly monitorUrl: string;
  readonly storeDir: string;
  readonly running: boolean;
  /** The running server's process id (its memory and CPU, for a benchmark); undefined while stopped. */
  readonly pid: number | undefined;
  start(): Promise<void>;
  /** Graceful shutdown (SIGTERM). */
  stop(): Promise<void>;
  /** A crash (SIGKILL). */
  kill(): Promise<void>;
  /** Stops the server and deletes its directory. */
  remove(): Promise<void>;
  /** The server's leafnode links, to its parent and from its children (/leafz). */
  leafLinks(): Promise<number>;
  /** Resolves once the server has at least `count` leafnode links; rejects after the start timeout. */
  waitForLinks(count: number): Promise<void>;
}

const READY_LINE = 'Server is ready';
/** The servers of this helper by leaf URL, so that a child's start can register it at its parent. */
const serversByLeafUrl = new Map<string, ManagedNatsServer>();
const OUTPUT_KEPT = 40;

/** A port that was free a moment ago (the OS picks it). */
function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const PORT_ATTEMPTS = 3;

/**
 * Starts the server on ports that were free a moment ago; another process may have taken one
 * since (servers started side by side, a busy machine), so a start refused for a port in use is
 * tried again on new ports.
 */
export async function startNatsServer(options: NatsProcessOptions): Promise<NatsProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePorts(options);
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS || !String(error).includes('address already in use')) throw error;
    }
  }
}

async function startOnFreePorts(options: NatsProcessOptions): Promise<NatsProcess> {
  const domain = jetStreamDomain(options.node.code, options.domain);
  const [port, leafPort, httpPort] = [await ephemeralPort(), await ephemeralPort(), await ephemeralPort()];
  const dir = await mkdtemp(join(tmpdir(), `ws-nats-${options.node.code}-`));
  const parent = options.parentLeafUrl ? serversByLeafUrl.get(options.parentLeafUrl) : undefined;
  const server = new ManagedNatsServer(options, domain, { port, leafPort, httpPort }, dir, parent, options.startTimeoutMs ?? 15_000);
  try {
    if (options.parentCredentials === undefined) await parent?.admit({ code: options.node.code, domain, password: testFederationCredentials.leaf(options.node.code).password });
    await server.writeConfig();
    serversByLeafUrl.set(server.leafUrl, server);
    await server.start();
    // A server admitted at its parent is returned with its link up.
    if (parent && options.parentCredentials === undefined) await server.waitForLinks(1);
  } catch (error) {
    // A server that did not come up leaves no process and no directory behind.
    await server.remove();
    throw error;
  }
  return server;
}

class ManagedNatsServer implements NatsProcess {
  private child?: ChildProcess;
  private output: string[] = [];
  private readonly children = new Map<string, LeafChild>();
  readonly node: NodeRef;
  readonly storeDir: string;
  private readonly configFile: string;

  constructor(
    private readonly options: NatsProcessOptions,
    readonly domain: string,
    private readonly ports: { port: number; leafPort: number; httpPort: number },
    private readonly dir: string,
    private readonly parent: ManagedNatsServer | undefined,
    private readonly startTimeoutMs: number,
  ) {
    this.node = options.node;
    this.storeDir = join(dir, 'store');
    this.configFile = join(dir, 'nats.conf');
    for (const child of options.children ?? []) this.children.set(child.code, child);
  }

  writeConfig(): Promise<void> {
    const credentials = this.options.parentCredentials === undefined ? testFederationCredentials.leaf(this.node.code) : this.options.parentCredentials;
    return writeFile(
      this.configFile,
      renderNatsConfig({
        node: this.node,
        ...this.ports,
        storeDir: this.storeDir,
        domain: this.domain,
        host: '127.0.0.1',
        localPassword: testFederationCredentials.localPassword(this.node.code),
        services: BUS_SERVICES.map((service) => ({ service, password: testFederationCredentials.servicePassword(this.node.code, service) })),
        ...(this.options.leafTls ? { leafTls: this.options.leafTls } : {}),
        ...(this.options.clientTls ? { clientTls: this.options.clientTls } : {}),
        children: [...this.children.values()],
        ...(this.options.parentLeafUrl ? { parentLeafUrl: this.options.parentLeafUrl } : {}),
        ...(credentials ? { parentCredentials: credentials } : {}),
        ...(this.options.parentDeny ? { parentDeny: this.options.parentDeny } : {}),
      }),
    );
  }

  /** Lets a child connect (and its subtree's requests and replies through it, here and above). */
  async admit(child: LeafChild): Promise<void> {
    this.children.set(child.code, { ...child, subtree: [child.code] });
    await this.reconfigure();
    for (let below: ManagedNatsServer = this, above = this.parent; above; below = above, above = above.parent) {
      above.children.get(below.node.code)?.subtree?.push(child.code);
      await above.reconfigure();
    }
  }

  /**
   * Rewrites the config and restarts a running server with it (links and clients reconnect).
   * Not a reload: on 2.9.10 a reload with a new leafnode user stops the hub from propagating
   * the other links' interest to the new one (checked: handover requests got no responders).
   */
  private async reconfigure(): Promise<void> {
    await this.writeConfig();
    if (!this.running) return;
    const links = await this.leafLinks();
    await this.stop();
    await this.start();
    await this.waitForLinks(links);
  }

  async leafLinks(): Promise<number> {
    const response = await fetch(`${this.monitorUrl}/leafz`);
    return ((await response.json()) as { leafnodes: number }).leafnodes;
  }

  async waitForLinks(count: number): Promise<void> {
    await eventually(async () => (await this.leafLinks()) >= count, { what: `${count} leafnode links at nats-server ${this.domain}`, timeoutMs: this.startTimeoutMs });
  }

  get url(): string {
    return withNatsCredentials(this.plainUrl, { user: LOCAL_USER, password: testFederationCredentials.localPassword(this.node.code) });
  }

  get plainUrl(): string {
    return `nats://127.0.0.1:${this.ports.port}`;
  }

  serviceUrl(service: BusService): string {
    return withNatsCredentials(this.plainUrl, { user: serviceUser(service), password: testFederationCredentials.servicePassword(this.node.code, service) });
  }

  get leafUrl(): string {
    return `nats-leaf://127.0.0.1:${this.ports.leafPort}`;
  }

  get monitorUrl(): string {
    return `http://127.0.0.1:${this.ports.httpPort}`;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.output = [];
    const [childProgram, childArgs] = diesWithParent(natsServerBinary(), ['-c', this.configFile]);
    const child = spawn(childProgram, childArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`nats-server ${this.domain} not ready within ${this.startTimeoutMs} ms`)), this.startTimeoutMs);
      const onOutput = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) {
          if (line.trim()) this.output.push(line);
          if (line.includes(READY_LINE)) {
            clearTimeout(timer);
            child.off('exit', onExit);
            resolve();
          }
        }
        this.output.splice(0, Math.max(0, this.output.length - OUTPUT_KEPT));
      };
      const onExit = (code: number | null) => fail(new Error(`nats-server ${this.domain} exited with ${code}`));
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`${error.message}\n${this.output.join('\n')}`));
      };
      child.stdout?.on('data', onOutput);
      child.stderr?.on('data', onOutput);
      child.once('exit', onExit);
      child.once('error', fail);
    });
  }

  stop(): Promise<void> {
    return this.terminate('SIGTERM');
  }

  kill(): Promise<void> {
    return this.terminate('SIGKILL');
  }

  async remove(): Promise<void> {
    serversByLeafUrl.delete(this.leafUrl);
    await this.kill();
    await rm(this.dir, { recursive: true, force: true });
  }

  private terminate(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}
