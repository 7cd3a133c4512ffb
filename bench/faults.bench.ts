import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { OUTAGE_SERVICES, OutageRig, type OutageTarget } from '../test/outage-rig';
import { postgresBackendsOf, processCpuSeconds, processTree } from './bench-node';

/**
 * bench:faults — stations, membership and dispatch (built processes) reach Postgres and
 * nats-server through libs/testing's FaultProxy. Per scenario: riders check in throughout
 * (BENCH_CLIENTS, BENCH_PAUSE_MS between check-ins, each key retried until accepted), street
 * officers' decisions arrive on the bus during the outage, one proxy is cut or held for
 * BENCH_OUTAGE_SECONDS, restored; then: the requests answered by status, the slowest answer,
 * the time from the heal to every /health green and to the backlog drained (every check-in
 * accepted before the heal on the bus and credited, a task per decision), and after the load
 * stops, the exact end counts. CPU of the three services and their Postgres backends per
 * accepted check-in, with the load average (the machine is shared).
 */
const OUTAGE_S = Number(process.env['BENCH_OUTAGE_SECONDS'] ?? 30);
const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 4);
const PAUSE_MS = Number(process.env['BENCH_PAUSE_MS'] ?? 50);
const DECISIONS = Number(process.env['BENCH_DECISIONS'] ?? 4);
const ALL_SCENARIOS: { target: OutageTarget; mode: 'cut' | 'hold' }[] = [
  { target: 'postgres', mode: 'hold' },
  { target: 'postgres', mode: 'cut' },
  { target: 'nats', mode: 'cut' },
  { target: 'nats', mode: 'hold' },
];
/** BENCH_SCENARIOS=nats:hold,postgres:cut runs only those (in the order above). */
const chosen = process.env['BENCH_SCENARIOS']?.split(',').map((s) => s.trim());
const SCENARIOS = chosen ? ALL_SCENARIOS.filter(({ target, mode }) => chosen.includes(`${target}:${mode}`)) : ALL_SCENARIOS;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  console.log(`bench:faults — ${OUTAGE_S} s outages, ${CLIENTS} riders (pause ${PAUSE_MS} ms), ${DECISIONS} decisions per outage; ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const rig = await OutageRig.start({ stations: { LOG_LEVEL: 'error' }, membership: { LOG_LEVEL: 'error' }, dispatch: { LOG_LEVEL: 'error' } });
  const databases = OUTAGE_SERVICES.map((service) => rig.databaseName(service));
  const cpu = () => {
    const trees = rig.pids().map(processTree);
    return processCpuSeconds((p) => trees.some((inTree) => inTree(p)) || databases.some((db) => postgresBackendsOf(db)(p)));
  };
  try {
    for (const { target, mode } of SCENARIOS) {
      const keysBefore = (await rig.visitKeysOnStream()).length;
      const tasksBefore = (await rig.tasksOnStream()).length;
      const pointsBefore = (await rig.points()).balance;
      const cpuBefore = cpu();
      const load = rig.startLoad(CLIENTS, PAUSE_MS);
      await sleep(3_000);
      const outage = await rig.outage(target, mode, OUTAGE_S * 1000, DECISIONS);
      const backlog = new Set(load.accepted);
      await rig.drained(backlog, { outboxesEmpty: false });
      const drainMs = performance.now() - outage.healedAt;
      await sleep(3_000);
      await rig.stopLoad();
      await rig.drained(load.accepted, { outboxesEmpty: true });
      const cpuSeconds = cpu() - cpuBefore;

      const keys = await rig.visitKeysOnStream();
      const added = keys.slice(keysBefore);
      const tasks = (await rig.tasksOnStream()).slice(tasksBefore);
      const points = (await rig.points()).balance - pointsBefore;
      const statuses = [...load.statuses].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([s, n]) => `${s}×${n}`).join(' ');
      const healthRed = OUTAGE_SERVICES.map((s) => `${s} ${outage.healthDuring[s].statuses.filter((x) => x !== 200).length}/${outage.healthDuring[s].statuses.length} (≤${Math.round(outage.healthDuring[s].slowestMs)} ms)`).join(', ');
      console.log(`\n${target} ${mode === 'cut' ? 'cut' : 'held'} ${seconds(outage.outageMs)}:`);
      console.log(`  requests answered ${[...load.statuses.values()].reduce((a, b) => a + b, 0)} (${statuses}), slowest ${Math.round(load.slowestMs)} ms`);
      console.log(`  /health red during: ${healthRed}`);
      console.log(`  heal → every /health green ${seconds(outage.healToGreenMs)}, heal → backlog drained ${seconds(drainMs)} (${backlog.size} check-ins accepted before the heal, ${DECISIONS} decisions)`);
      console.log(`  end counts: check-ins accepted ${load.accepted.size}, on the bus ${added.length} (distinct ${new Set(added).size}, still retried at stop ${load.unsettled.size}), points ${points}, tasks ${tasks.length} of ${DECISIONS} (distinct ${new Set(tasks.map((t) => t.taskId)).size})`);
      console.log(`  CPU ${cpuSeconds.toFixed(1)} s (services + their Postgres backends) = ${((cpuSeconds * 1000) / Math.max(1, load.accepted.size)).toFixed(1)} ms per accepted check-in; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    }
  } finally {
    await rig.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
