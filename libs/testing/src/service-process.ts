import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { diesWithParent } from './dies-with-parent';
import { eventually } from './eventually';
import { NATS_URL, PG_URL } from './infra';

/**
 * A built service running as its own process, for e2e tests that cross process boundaries
 * (kill -9, restart). `npm test` builds first; a missing build is an error, not a skip.
 */
export interface ServiceProcess {
  base: string;
  child: ChildProcess;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * A port nothing listens on, for a service started later (and again on the same port after a kill).
 * Drawn below the kernel's ephemeral range (32768–60999), so the outgoing connections of busy tests
 * cannot take it between this check and the service's listen, as a port the kernel hands out could;
 * and above the port blocks of the federations tests launch (4100 + 100 per slot, from slot 150:
 * 19100 up), which a launcher may bind between this check and the service's listen.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 24_000 + Math.floor(Math.random() * 8_000);
    if (await bindable(port)) return port;
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The repository root, whether this file runs from source (jest) or from dist (benchmarks). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export function builtEntry(service: string): string {
  const entry = join(repositoryRoot(), 'dist', 'apps', service, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  return entry;
}

/**
 * Limits lifted for the load the tests and benchmarks put on one node (thousands of requests a
 * minute from one address to one station); each limit has its own test at its edge.
 */
/** How long a built service may take to answer /health ok: generous, as a machine running other suites is slow to start one. */
const HEALTHY_WITHIN_MS = 120_000;
const LOAD_LIMITS = { THROTTLE_PER_MINUTE: '1000000', STATION_CHECKINS_PER_MINUTE: '10000000', STATION_BATCH_VISITS_PER_MINUTE: '10000000' };

/**
 * The secrets a service would otherwise make up at start (secretOrEphemeral), fixed for this test
 * file: a service killed and started again still honours the volunteer tokens, photo links and
 * station codes it signed before, as one with its secrets under .run/ or in a deployment does.
 */
const STABLE_SECRETS: Record<string, string> = Object.fromEntries(
  ['IDENTITY_COOKIE_SECRET', 'IDENTITY_VAULT_KEY', 'JOBS_SESSION_SECRET', 'PHOTO_URL_SECRET', 'STATION_LINK_SECRET', 'VOLUNTEER_TOKEN_SECRET'].map((name) => [
    name,
    randomBytes(32).toString('hex'),
  ]),
);

export async function startServiceProcess(service: string, env: Record<string, string>, port?: number): Promise<ServiceProcess> {
  const httpPort = port ?? (await freePort());
  let output = '';
  // WS_SERVICE_NODE_ARGS passes flags to the service's node (e.g. --prof when profiling a benchmark).
  const nodeArgs = (process.env['WS_SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const [childProgram, childArgs] = diesWithParent(process.execPath, [...nodeArgs, builtEntry(service)]);
  const child = spawn(childProgram, childArgs, {
    env: { ...process.env, PG_URL, NATS_URL, LOG_LEVEL: 'warn', ...LOAD_LIMITS, ...STABLE_SECRETS, ...env, HTTP_PORT: String(httpPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const base = `http://127.0.0.1:${httpPort}`;
  // A process that has exited answers nothing more: that ends the wait at once, not at its timeout.
  // A refused connection (not listening yet) is a probe that throws: not yet.
  const started = await eventually(async () => (child.exitCode !== null ? 'exited' : (await fetch(`${base}/health`)).ok && 'healthy'), {
    what: `${service} healthy`,
    timeoutMs: HEALTHY_WITHIN_MS,
    everyMs: 200,
  }).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}:\n${output}`);
  });
  if (started === 'exited') throw new Error(`${service} exited with ${child.exitCode}:\n${output}`);
  return {
    base,
    child,
    output: () => output,
    kill: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** A built compact node (dist/apps/compact): several services in one process, each on its own port. */
export interface CompactProcess {
  child: ChildProcess;
  /** Each service's base URL, by the name it was given. */
  bases: Record<string, string>;
  /** What the host reported over IPC (services that ended or threw). */
  reports: Array<{ service: string; state: string; reason: string }>;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `services` (each a built service, under its own name, with its own environment on top
 * of the test infrastructure's) in one compact process; resolves when the process is up, not
 * when the services are (each answers its own /health: the test decides whom to wait for).
 */
export async function startCompactProcess(services: Array<{ name: string; service: string; env: Record<string, string> }>): Promise<CompactProcess> {
  const bases: Record<string, string> = {};
  const specs = [];
  for (const { name, service, env } of services) {
    const port = await freePort();
    bases[name] = `http://127.0.0.1:${port}`;
    specs.push({ name, entry: builtEntry(service), env: { PG_URL, NATS_URL, LOG_LEVEL: 'warn', ...LOAD_LIMITS, ...STABLE_SECRETS, ...env, HTTP_PORT: String(port) } });
  }
  let output = '';
  const reports: CompactProcess['reports'] = [];
  const [childProgram, childArgs] = diesWithParent(process.execPath, [builtEntry('compact')]);
  const child = spawn(childProgram, childArgs, { env: { ...process.env, COMPACT_SERVICES: JSON.stringify(specs) }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('message', (report: CompactProcess['reports'][number]) => reports.push(report));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    bases,
    reports,
    output: () => output,
    kill: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export * from './node-stream';
export * from './nats-federation';
export * from './nats-process';
export * from './link-proxy';
export * from './outbox-district';
