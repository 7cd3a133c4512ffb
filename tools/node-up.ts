import { divisionName } from '@ws/contracts';
import { startCheckinTrickle } from './demo-data';
import { natsUrlOf } from './nats-node';
import { runLoopDemo } from './demo-loop';
import { acknowledgeWhenReceived, DemoScale, loadNodeDemo, NodeDemo } from './node-demo';
import { Launch } from './node-launch';
import { checkPostgresCapacity, ensureStreams, prepareDatabases, startNodeNats } from './node-runtime';
import { FederationSettings, SERVICE_TITLES, serviceUrl, startNodeServices } from './node-services';
import { DATA_SERVICES, TopologyNode } from './topology';

export interface UpOptions {
  /** null: no demo data and no trickles. */
  demo: DemoScale | null;
  checkinsPerSecond: number;
  /** A new wish at each district this often; 0: none. */
  wishEveryMs: number;
  log: (line: string) => void;
}

/**
 * Brings up `nodes` (all of a federation, or one node of it): nats-servers, streams, services and
 * dashboards, then the demo data and the live trickles. Each phase runs for every node at once;
 * the 2-core machine is busiest while ~30 Node processes load, so nothing waits for a neighbour.
 */
export async function bringUp(launch: Launch, settings: FederationSettings, nodes: TopologyNode[], options: UpOptions): Promise<NodeDemo[]> {
  const phase = timer(options.log);
  await checkPostgresCapacity(settings, nodes, options.log);
  const nats = await Promise.all(
    nodes.map(async (node) => {
      const started = await startNodeNats(settings, node);
      launch.add(started.managed);
      return started;
    }),
  );
  phase('nats-server');
  await Promise.all(nodes.map((node) => ensureStreams(settings, node)));
  phase('streams EVT/DIR');
  // Each node's services start as soon as its own databases are there.
  const services = await Promise.all(
    nodes.map(async (node, index) => {
      await prepareDatabases(settings, node, nats[index]!.storeIsNew);
      const started = startNodeServices(settings, node);
      launch.add(...started.processes);
      return started;
    }),
  );
  phase('databases');
  await Promise.all(services.map((s) => s.ready));
  phase(`${services.reduce((n, s) => n + s.processes.length, 0)} services and dashboards`);
  if (!options.demo) return [];
  const scale = options.demo;
  const demo = await Promise.all(nodes.map((node) => loadNodeDemo(settings, node, scale, options.log)));
  phase('demo data');
  for (const { node, stationIds, loop } of demo) {
    launch.onStop(acknowledgeWhenReceived(settings, node, options.log));
    if (stationIds.length > 0 && options.checkinsPerSecond > 0) launch.onStop(startCheckinTrickle(serviceUrl(node, 'stations'), stationIds, options.checkinsPerSecond));
    if (loop) launch.onStop(runLoopDemo(loop, options.wishEveryMs, options.log));
  }
  return demo;
}

function timer(log: (line: string) => void): (what: string) => void {
  let last = Date.now();
  return (what) => {
    const now = Date.now();
    log(`  ${what}: ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };
}

const LEVEL_NAMES: Record<number, string> = { 2: '省', 4: '市', 6: '区县' };

/** What a person needs to open: the dashboard, each service's API, OpenAPI and health. */
export function describeNode(node: TopologyNode): string {
  const lines = [`\n${divisionName(node.code) ?? node.code} (${node.code}, ${LEVEL_NAMES[node.code.length] ?? ''})`, `  看板 dashboard   ${serviceUrl(node, 'dashboard')}/`];
  for (const service of DATA_SERVICES) {
    const base = serviceUrl(node, service);
    lines.push(`  ${SERVICE_TITLES[service].padEnd(16)} API ${base}   OpenAPI ${base}/docs   health ${base}/health`);
  }
  lines.push(`  NATS             ${natsUrlOf(node)}`);
  return lines.join('\n');
}
