import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { FederationCredentials, LOCAL_USER, withNatsCredentials } from '@ws/messaging';
import { eventually, PG_URL } from '@ws/testing';
import { diesWithParent } from '@ws/testing/dies-with-parent';
import { NATS_CLIENT_OFFSET, NATS_LEAF_OFFSET, NATS_MONITOR_OFFSET, onSlots, portOf, SERVICE_PORT_OFFSETS, ServiceName, TOPOLOGIES, TopologyName, TopologyNode } from '../../../tools/topology';

/** The built launcher: from the sources (tests) under dist/, from a build (benchmarks) beside this file's own tree. */
const ROOT = join(__dirname, '..', '..', '..');
const LAUNCHER = existsSync(join(ROOT, 'tools', 'start.js')) ? join(ROOT, 'tools', 'start.js') : join(ROOT, 'dist', 'tools', 'start.js');
/** Port blocks from 19100 on: clear of npm start's 4100-4699 and of the ephemeral ports tests draw. */
const FIRST_CANDIDATE_SLOT = 150;

/**
 * `npm start`'s launcher run as a child process on a port block of its own (the chain topology:
 * 浙江 ← 衢州 ← 柯城), with a scratch run directory (WS_RUN_DIR: its nats stores and logs) and
 * databases of its own (a prefix), so it can run beside a developer's npm start. Demo data
 * as npm start loads it; the trickles are off so the figures stand still while compared.
 */
export interface LaunchedFederation {
  nodes: TopologyNode[];
  /** The scratch run directory (WS_RUN_DIR): nats stores, logs, photos, development secrets. */
  runDir: string;
  /** Put before every database name of this federation. */
  databasePrefix: string;
  url(code: string, service: ServiceName): string;
  /** The node's nats-server (client port) as its `local` user, e.g. to announce a test signing key on its DIR stream. */
  natsUrl(code: string): string;
  /** The CA the launcher's nats-servers' certificates are of: their client ports speak TLS only. */
  natsCaFile: string;
  /** Everything the launcher printed so far. */
  output(): string;
  /** Resolves when the launcher has printed `line` (or rejects when it exits first). */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<void>;
  /**
   * Resolves once all demo data is in and every district's wish → dispatch loop has played: from
   * then on the demo writes nothing a journey could race (the trickles are off unless a test turns
   * them on). `timeoutMs` for each of the two.
   */
  waitForDemo(timeoutMs: number): Promise<void>;
  /** Ctrl-C: resolves with the launcher's exit code once it is gone. */
  interrupt(timeoutMs: number): Promise<number | null>;
  /** The processes and ports left over after interrupt (both should be empty). */
  leftovers(): Promise<{ processes: string[]; ports: number[] }>;
  /** Removes the scratch run directory and the databases. */
  remove(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const portsOf = (nodes: TopologyNode[]) =>
  nodes.flatMap((node) => [...Object.values(SERVICE_PORT_OFFSETS), NATS_CLIENT_OFFSET, NATS_LEAF_OFFSET, NATS_MONITOR_OFFSET].map((offset) => portOf(node, offset)));

/** The first block of slots (one per node) whose ports nobody listens on. */
async function freeSlots(topology: TopologyNode[]): Promise<TopologyNode[]> {
  // Each jest worker starts its search in a range of its own: two workers looking at the same
  // moment would both find the first block free, and the second launcher would fail to bind it.
  const worker = Math.max(0, Number(process.env['JEST_WORKER_ID'] ?? 1) - 1) % 8;
  for (let slot = FIRST_CANDIDATE_SLOT + worker * 4; slot < 590; slot += topology.length) {
    const nodes = onSlots(topology, slot);
    const busy = await Promise.all(portsOf(nodes).map(portOpen));
    if (!busy.some(Boolean)) return nodes;
  }
  throw new Error('no free port block for the test federation');
}

/** `topology`: chain (浙江 ← 衢州 ← 柯城, the default) or district (柯城 alone, the worker pages' test). */
export async function launchFederation(env: Record<string, string> = {}, topology: TopologyName = 'chain'): Promise<LaunchedFederation> {
  if (!existsSync(LAUNCHER)) throw new Error(`${LAUNCHER} is missing: run npm run build first`);
  const nodes = await freeSlots(TOPOLOGIES[topology]);
  const runDir = await mkdtemp(join(tmpdir(), 'ws-federation-'));
  const prefix = `t${process.pid}_${Date.now().toString(36)}_`;
  let output = '';
  // A jest worker killed mid-spec takes the launcher (and so its nodes) with it.
  const [program, args] = diesWithParent(process.execPath, [LAUNCHER, '--topology', topology, '--first-slot', String(nodes[0]!.slot), '--db-prefix', prefix]);
  const child: ChildProcess = spawn(
    program,
    args,
    { env: { ...process.env, WS_RUN_DIR: runDir, PG_URL, DEMO_CHECKINS_PER_SECOND: '0', DEMO_WISH_EVERY_MS: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  /** Resolves once the launcher has printed `count` lines matching `pattern`; rejects when it exits first or after `timeoutMs`. */
  const printed = async (pattern: RegExp, count: number, timeoutMs: number) => {
    const matching = new RegExp(pattern.source, 'g');
    const what = `${pattern}${count > 1 ? ` × ${count}` : ''} from the launcher`;
    // A launcher that has exited prints nothing more: that ends the wait at once, not at its timeout.
    const seen = await eventually(() => (child.exitCode !== null ? 'exited' : (output.match(matching)?.length ?? 0) >= count && 'printed'), { what, timeoutMs, everyMs: 200 }).catch(
      (error: Error) => {
        throw new Error(`${error.message}:\n${output}`);
      },
    );
    if (seen === 'exited') throw new Error(`the launcher exited (${child.exitCode}) before ${what}:\n${output}`);
  };
  const url = (code: string, service: ServiceName) => `http://127.0.0.1:${portOf(nodes.find((n) => n.code === code)!, SERVICE_PORT_OFFSETS[service])}`;

  return {
    nodes,
    runDir,
    databasePrefix: prefix,
    url,
    // The node's operator user (the launcher's configs take no client without credentials); its
    // password derives from the federation secret the launcher made in the run directory.
    natsUrl: (code) => {
      const secret = env['FEDERATION_SECRET'] || process.env['FEDERATION_SECRET'] || readFileSync(join(runDir, 'secrets', 'federation-secret'), 'utf8').trim();
      return withNatsCredentials(`nats://127.0.0.1:${portOf(nodes.find((n) => n.code === code)!, NATS_CLIENT_OFFSET)}`, { user: LOCAL_USER, password: new FederationCredentials(secret).localPassword(code) });
    },
    // federationCaFileOf in tools/federation-tls.ts, not imported: its X.509 library's types clash with the DOM's the browser specs are checked with.
    natsCaFile: join(runDir, 'tls', 'ca.pem'),
    output: () => output,
    waitForLine: (pattern, timeoutMs) => printed(pattern, 1, timeoutMs),
    async waitForDemo(timeoutMs) {
      await printed(/演示数据已全部载入/, 1, timeoutMs);
      // GB/T 2260: a district's code has six digits; each district plays its own loop.
      await printed(/心愿与派单演示就绪/, nodes.filter((node) => node.code.length === 6).length, timeoutMs);
    },
    async interrupt(timeoutMs) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGINT');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const result = await Promise.race([exited, timedOut]);
      clearTimeout(timer);
      if (result === 'timeout') {
        child.kill('SIGKILL');
        throw new Error(`the launcher did not stop within ${timeoutMs} ms:\n${output}`);
      }
      return result;
    },
    async leftovers() {
      // Every nats-server of this federation has its config under the scratch run directory.
      let processes: string[] = [];
      try {
        processes = execFileSync('pgrep', ['-af', runDir], { encoding: 'utf8' }).split('\n').filter(Boolean);
      } catch {
        processes = []; // pgrep exits 1 when nothing matches
      }
      const open = await Promise.all(portsOf(nodes).map(async (port) => ((await portOpen(port)) ? port : null)));
      return { processes, ports: open.filter((p): p is number => p !== null) };
    },
    async remove() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(runDir, { recursive: true, force: true });
      const client = new Client({ connectionString: PG_URL });
      await client.connect();
      try {
        const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
        for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
