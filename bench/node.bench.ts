import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { databasesNamed, dropTestDatabases, PG_URL } from '@ws/testing';
import { diesWithParent } from '@ws/testing/dies-with-parent';
import { NODE_PROFILES, NodeProfile } from '../tools/node-services';
import { processCpuSeconds, processTree, residentMegabytes } from './bench-node';

/**
 * bench:node — one district node (柯城, its demo data) brought up by the launcher as npm start
 * does, in each profile: compact (every service in one Node process) and separate (a process
 * per service). Per profile: ready time (launch → every /health answers, and → demo data loaded),
 * resident memory of the node's Node processes after the demo data and of its nats-server beside
 * them, idle CPU over BENCH_IDLE_SECONDS with the trickles off, and the Postgres connections held.
 * Needs a build (npm run bench:node builds first).
 */
const IDLE_S = Number(process.env['BENCH_IDLE_SECONDS'] ?? 20);
const PROFILES = (process.env['BENCH_PROFILES'] ?? NODE_PROFILES.join(',')).split(',') as NodeProfile[];
// Ports 16100–16199: below the kernel's ephemeral range (32768–) and the tests' free ports (20000–31999).
const FIRST_SLOT = Number(process.env['BENCH_FIRST_SLOT'] ?? 120);
const LAUNCHER = join(__dirname, '..', 'tools', 'node-cli.js');

interface Figures {
  profile: NodeProfile;
  servicesReadyS: number;
  readyS: number;
  nodeMb: number;
  natsMb: number;
  processes: number;
  idleCpuPercent: number;
  connections: number;
}

async function measure(profile: NodeProfile): Promise<Figures> {
  const runDir = await mkdtemp(join(tmpdir(), 'ws-bench-node-'));
  const prefix = `bn_${profile}_${process.pid}_`;
  let output = '';
  const started = Date.now();
  let servicesReadyS = NaN;
  const [launcherProgram, launcherArgs] = diesWithParent(process.execPath, [LAUNCHER, 'up', '--code', '330802', '--topology', 'district', '--first-slot', String(FIRST_SLOT), '--db-prefix', prefix, '--profile', profile]);
  const launcher = spawn(launcherProgram, launcherArgs, {
    env: { ...process.env, WS_RUN_DIR: runDir, PG_URL, DEMO_CHECKINS_PER_SECOND: '0', DEMO_WISH_EVERY_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (Number.isNaN(servicesReadyS) && /services and dashboards/.test(output)) servicesReadyS = (Date.now() - started) / 1000;
  });
  launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    // Ready with all of its demo data: a year of work and 零工之家 load after the 就绪 line, so the
    // figures (the time, and the memory and idle CPU below) are taken at 演示数据已全部载入.
    await waitFor(launcher, () => /演示数据已全部载入/.test(output), 180_000, () => output);
    const readyS = (Date.now() - started) / 1000;
    const tree = processTree(launcher.pid!);
    const isNats = (p: { cmdline: string }) => p.cmdline.includes('nats-server');
    const ofNode = (p: { pid: number; ppid: number; cmdline: string }) => p.pid !== launcher.pid && tree(p) && !isNats(p);
    const nodeProcesses = (p: { pid: number; ppid: number; cmdline: string }) => ofNode(p) && p.cmdline.startsWith(process.execPath);
    // Let the demo's after-work (projections catching up, the launcher's connections closing) settle.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const cpuBefore = processCpuSeconds(processTree(launcher.pid!));
    await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
    const cpuAfter = processCpuSeconds(processTree(launcher.pid!));
    const figures: Figures = {
      profile,
      servicesReadyS,
      readyS,
      nodeMb: residentMegabytes(processTree(launcher.pid!)) - residentMegabytes((p) => p.pid === launcher.pid) - residentMegabytes((p) => isNats(p) && processTree(launcher.pid!)(p)),
      natsMb: residentMegabytes((p) => isNats(p) && p.cmdline.includes(runDir)),
      processes: countOf(nodeProcesses),
      idleCpuPercent: ((cpuAfter - cpuBefore) / IDLE_S) * 100,
      connections: await connectionsOf(prefix),
    };
    return figures;
  } finally {
    launcher.kill('SIGINT');
    await new Promise((resolve) => (launcher.exitCode === null ? launcher.once('exit', resolve) : resolve(null)));
    await dropTestDatabases(await databasesNamed(prefix));
    await rm(runDir, { recursive: true, force: true });
  }
}

function countOf(pick: (p: { pid: number; ppid: number; cmdline: string }) => boolean): number {
  let count = 0;
  residentMegabytes((p) => {
    if (pick(p)) count++;
    return false;
  });
  return count;
}

async function waitFor(child: ChildProcess, done: () => boolean, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (child.exitCode !== null) throw new Error(`the launcher exited (${child.exitCode}):\n${output()}`);
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function withPostgres<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const connectionsOf = (prefix: string) =>
  withPostgres(async (client) => Number((await client.query('select count(*) as n from pg_stat_activity where datname like $1', [`${prefix}%`])).rows[0].n));

async function main(): Promise<void> {
  process.stdout.write(`bench:node — 柯城 (330802) with its demo data; idle CPU over ${IDLE_S} s; load average before ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  process.stdout.write('| profile | Node processes | services ready (s) | ready with demo data (s) | RSS of the node (MB) | nats-server RSS (MB) | idle CPU, node + nats (% of a core) | Postgres connections |\n|---|---|---|---|---|---|---|---|\n');
  for (const profile of PROFILES) {
    const f = await measure(profile);
    process.stdout.write(`| ${f.profile} | ${f.processes} | ${f.servicesReadyS.toFixed(1)} | ${f.readyS.toFixed(1)} | ${f.nodeMb.toFixed(0)} | ${f.natsMb.toFixed(0)} | ${f.idleCpuPercent.toFixed(1)} | ${f.connections} |\n`);
  }
  process.stdout.write(`load average after ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
