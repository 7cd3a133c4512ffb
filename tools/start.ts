import { Launch } from './node-launch';
import { launchSettings, parseLaunchArgs } from './node-settings';
import { assertBuilt } from './node-services';
import { bringUp, demoLoadedLine, describeNode, landingUrlOf } from './node-up';
import { logDir } from './processes';

/**
 * `npm start`: the three-level federation on this machine — per node a nats-server (JetStream
 * domain n<code>, leafnode link to its parent), its streams (EVT sourcing its children's, DIR
 * sourcing its parent's), the stations, membership, wishes and dispatch services and the
 * dashboard; demo data, and a trickle of live check-ins at the districts. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const launch = new Launch();
  try {
    const settings = launchSettings(parseLaunchArgs(process.argv.slice(2)).values);
    assertBuilt();
    const topology = settings.federation.topology;
    process.stdout.write(`启动 starting ${topology.length} nodes (${topology.map((n) => n.code).join(', ')})…\n`);
    const demos = await bringUp(launch, settings.federation, topology, {
      demo: settings.demo,
      checkinsPerSecond: settings.checkinsPerSecond,
      wishEveryMs: settings.wishEveryMs,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    for (const node of topology) {
      const demo = demos.find((d) => d.node.code === node.code);
      process.stdout.write(`${describeNode(node, demo ? await landingUrlOf(settings.federation, demo) : undefined)}\n`);
    }
    process.stdout.write(`\n就绪 ready in ${Math.round((Date.now() - started) / 1000)} s (${launch.processes.length} processes). 按 Ctrl-C 停止 (Ctrl-C stops everything). Logs: ${logDir()}/\n`);
    if (demos.length > 0) process.stdout.write('演示数据载入中 still loading: a week of visits, a year of work records and 零工之家 (a line below says when all demo data is in)\n');
    const loaded = await demoLoadedLine(demos, started);
    if (loaded && !launch.isStopping) process.stdout.write(`${loaded}\n`);
  } catch (error) {
    if (launch.isStopping) return;
    process.stderr.write(`start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await launch.shutdown(1);
  }
}

void main();
