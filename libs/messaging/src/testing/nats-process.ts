import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeRef } from '@ws/contracts';
import { renderNatsConfig } from '../nats-config';
import { jetStreamDomain } from '../streams';

export interface NatsProcessOptions {
  node: NodeRef;
  /** Default `n<code>`. */
  domain?: string;
  /** The parent's leafUrl, to federate this server below it. */
  parentLeafUrl?: string;
  startTimeoutMs?: number;
}

/**
 * A throw-away nats-server with JetStream for one test: its own ports and store directory.
 * stop()/kill() keep the store, so start() brings the same server back with its streams.
 */
export interface NatsProcess {
  readonly node: NodeRef;
  readonly domain: string;
  readonly url: string;
  readonly leafUrl: string;
  readonly storeDir: string;
  readonly running: boolean;
  start(): Promise<void>;
  /** Graceful shutdown (SIGTERM). */
  stop(): Promise<void>;
  /** A crash (SIGKILL). */
  kill(): Promise<void>;
  /** Stops the server and deletes its directory. */
  remove(): Promise<void>;
}

const READY_LINE = 'Server is ready';
const OUTPUT_KEPT = 40;

export function natsServerBinary(): string {
  return process.env['NATS_SERVER_BIN'] ?? (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');
}

/** A port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startNatsServer(options: NatsProcessOptions): Promise<NatsProcess> {
  const domain = jetStreamDomain(options.node.code, options.domain);
  const dir = await mkdtemp(join(tmpdir(), `ws-nats-${options.node.code}-`));
  const [port, leafPort] = [await freePort(), await freePort()];
  const configFile = join(dir, 'nats.conf');
  const storeDir = join(dir, 'store');
  await writeFile(
    configFile,
    renderNatsConfig({ node: options.node, port, leafPort, storeDir, domain, host: '127.0.0.1', parentLeafUrl: options.parentLeafUrl }),
  );
  const server = new ManagedNatsServer(options.node, domain, port, leafPort, dir, configFile, storeDir, options.startTimeoutMs ?? 15_000);
  await server.start();
  return server;
}

class ManagedNatsServer implements NatsProcess {
  private child?: ChildProcess;
  private output: string[] = [];

  constructor(
    readonly node: NodeRef,
    readonly domain: string,
    private readonly port: number,
    private readonly leafPort: number,
    private readonly dir: string,
    private readonly configFile: string,
    readonly storeDir: string,
    private readonly startTimeoutMs: number,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get leafUrl(): string {
    return `nats-leaf://127.0.0.1:${this.leafPort}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.output = [];
    const child = spawn(natsServerBinary(), ['-c', this.configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
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
