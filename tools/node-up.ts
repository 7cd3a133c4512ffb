import { divisionName } from '@ws/contracts';
import { startCheckinTrickle } from './demo-data';
import { assignDemoStation, describeDemoOfficers } from './dev-identity';
import { natsCaFileOfLaunch, natsUrlOf } from './nats-node';
import { runLoopDemo } from './demo-loop';
import { acknowledgeWhenReceived, DemoScale, loadNodeDemo, NodeDemo } from './node-demo';
import { announceNodeSigningKey, nodeOfficerTokens } from './node-keys';
import { Launch } from './node-launch';
import { checkPostgresCapacity, ensureStreams, prepareDatabases, startNodeNats } from './node-runtime';
import { FederationSettings, SERVICE_TITLES, serviceUrl, startNodeServices } from './node-services';
import { DATA_SERVICES, isLeaf, TopologyNode } from './topology';

export interface UpOptions {
  /** null: no demo data and no trickles. */
  demo: DemoScale | null;
  checkinsPerSecond: number;
  /** A new wish at each district this often; 0: none. */
  wishEveryMs: number;
  log: (line: string) => void;
}

/**
 * Brings up `nodes` (all of a federation, or one node of it): nats-servers and streams for every
 * node at once, then each node on its own — databases, services and dashboard, demo data — so a
 * node's demo starts as soon as its own services answer, while others are still loading (the
 * 2-core machine is busiest then, and nothing waits for a neighbour). The districts' upgrades
 * wait for the province's and cities' directives, which count only upgrades completed after
 * their issue. Returns once the stations, members and directives are in; each demo's
 * `afterReady` (a year of work, 零工之家) goes on, and the live trickles start when all are in.
 */
export async function bringUp(launch: Launch, settings: FederationSettings, nodes: TopologyNode[], options: UpOptions): Promise<NodeDemo[]> {
  const phase = timer(options.log);
  await checkPostgresCapacity(settings, nodes, options.log);
  const nats = await Promise.all(
    nodes.map(async (node) => {
      const started = await startNodeNats(settings, node, options.log);
      launch.add(started.managed);
      return started;
    }),
  );
  phase('nats-server');
  await Promise.all(nodes.map((node) => ensureStreams(settings, node)));
  phase('streams EVT/DIR');
  // Before any service reads its trust store: the node's officers' key on its DIR stream.
  await Promise.all(nodes.map((node) => announceNodeSigningKey(node)));
  const databases = whenAll(nodes.length, () => phase('databases'));
  const services = whenAll(nodes.length, () => phase(`services and dashboards (${settings.profile} profile, Node processes: ${launch.processes.length - nats.length})`));
  const directives = deferred();
  const issuers = whenAll(nodes.filter((node) => !isLeaf(settings.topology, node)).length, directives.resolve);
  const scale = options.demo;
  const demos = await Promise.all(
    nodes.map(async (node, index) => {
      await prepareDatabases(settings, node, nats[index]!.storeIsNew);
      databases();
      const started = startNodeServices(settings, node);
      launch.add(...started.processes);
      await started.ready;
      services();
      if (!scale) return undefined;
      const demo = await loadNodeDemo(settings, node, scale, options.log, directives.promise);
      if (!isLeaf(settings.topology, node)) issuers();
      // The demo station manager manages a demo station (the same one at every start: the lowest id).
      if (demo.stationIds.length > 0) {
        const token = await nodeOfficerTokens(node)({ subject: 'demo-loader', role: 'district_officer', node: node.code });
        await assignDemoStation(node, serviceUrl(node, 'identity'), token, [...demo.stationIds].sort()[0]!);
      }
      return demo;
    }),
  );
  if (!scale) return [];
  phase('demo data: stations, members, directives');
  const demo = demos.filter((d): d is NodeDemo => d !== undefined);
  void Promise.all(demo.map((d) => d.afterReady)).then(() => {
    if (launch.isStopping) return;
    for (const { node, stationIds, loop } of demo) {
      launch.onStop(acknowledgeWhenReceived(settings, node, options.log));
      if (stationIds.length > 0 && options.checkinsPerSecond > 0) launch.onStop(startCheckinTrickle(serviceUrl(node, 'stations'), stationIds, options.checkinsPerSecond));
      if (loop) launch.onStop(runLoopDemo(loop, options.wishEveryMs, options.log));
    }
  });
  return demo;
}

/** The line a launcher prints once every demo's `afterReady` has settled (none without demo data). */
export async function demoLoadedLine(demos: NodeDemo[], started: number): Promise<string | undefined> {
  if (demos.length === 0) return undefined;
  const loaded = await Promise.all(demos.map((d) => d.afterReady));
  const seconds = Math.round((Date.now() - started) / 1000);
  return loaded.every(Boolean) ? `演示数据已全部载入 all demo data loaded in ${seconds} s` : `演示数据未全部载入 some demo data did not load (see above), ${seconds} s`;
}

/** A callback to call once per node; the `count`th call runs `then` (at once when there are none). */
function whenAll(count: number, then: () => void): () => void {
  let left = count;
  if (left === 0) then();
  return () => {
    left -= 1;
    if (left === 0) then();
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The landing page of one of the node's stations, as its printed code carries it: asked of the
 * stations service through the node's front (so it names the front's address), as an officer.
 */
export async function landingUrlOf(settings: FederationSettings, demo: NodeDemo): Promise<string | undefined> {
  const [stationId] = demo.stationIds;
  if (!stationId) return undefined;
  const token = await nodeOfficerTokens(demo.node)({ subject: 'launcher', role: 'district_officer', node: demo.node.code });
  const response = await fetch(`${serviceUrl(demo.node, 'dashboard')}/api/stations/stations/${stationId}/code`, { headers: { authorization: `Bearer ${token}` } });
  return response.ok ? ((await response.json()) as { url: string }).url : undefined;
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

/** What a person needs to open: the dashboard, the worker pages (and a station's landing page), each service's API, OpenAPI and health. */
export function describeNode(node: TopologyNode, landingUrl?: string): string {
  const lines = [
    `\n${divisionName(node.code) ?? node.code} (${node.code}, ${LEVEL_NAMES[node.code.length] ?? ''})`,
    `  看板 dashboard   ${serviceUrl(node, 'dashboard')}/`,
    `  职工端 h5        ${serviceUrl(node, 'dashboard')}/h5/`,
  ];
  if (landingUrl) lines.push(`  扫码打卡 landing ${landingUrl}`);
  for (const service of DATA_SERVICES) {
    const base = serviceUrl(node, service);
    lines.push(`  ${SERVICE_TITLES[service].padEnd(16)} API ${base}   OpenAPI ${base}/docs   health ${base}/health`);
  }
  lines.push(`  工作台 console    ${serviceUrl(node, 'dashboard')}/console/   (sign-in: ${serviceUrl(node, 'dashboard')}/oidc/)`);
  lines.push(...describeDemoOfficers(node));
  lines.push(`  消息盒子 (开发)   ${serviceUrl(node, 'dashboard')}/messages/   (what SMS, WeChat and push would have sent, codes included)`);
  lines.push(`  NATS             ${natsUrlOf(node)}   (TLS: CA ${natsCaFileOfLaunch()})`);
  return lines.join('\n');
}
