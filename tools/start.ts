import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { divisionName, nodeFromCode } from '@ws/contracts';
import { ensureNodeStreams } from '@ws/messaging';
import { loadStationsDemo, startCheckinTrickle } from './demo-data';
import { natsStoreExists, natsUrlOf, startNatsNode } from './nats-node';
import { Managed, startProcess, stopAll, waitForHttp } from './processes';
import { byCode, childrenOf, FEDERATION, portOf, SERVICE_PORT_OFFSETS, TopologyNode } from './topology';

const PG_URL = process.env['PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const JWT_SECRET = process.env['JWT_SECRET'] ?? 'waystation-dev-secret-change-me';
const TRICKLE_PER_SECOND = Number(process.env['DEMO_CHECKINS_PER_SECOND'] ?? 2);
const TOPOLOGY = FEDERATION;
/** The services npm start runs at every node (the dashboard has no database). */
const SERVICES = ['stations'] as const;

const url = (node: TopologyNode, service: keyof typeof SERVICE_PORT_OFFSETS) => `http://127.0.0.1:${portOf(node, SERVICE_PORT_OFFSETS[service])}`;

/**
 * `npm start`: the three-level federation on this machine — a nats-server per node (JetStream
 * domain n<code>, leafnode link to its parent), the node's streams (EVT sourcing its children's,
 * DIR sourcing its parent's), the stations service and the dashboard per node, demo data at the
 * districts and a trickle of live check-ins. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const processes: Managed[] = [];
  const stoppers: Array<() => void> = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    stoppers.forEach((stop) => stop());
    process.stdout.write('\n正在停止 stopping…\n');
    // Services first, nats-servers last, so nothing loses its bus while draining.
    await stopAll(processes.filter((p) => !p.name.startsWith('nats-')));
    await stopAll(processes.filter((p) => p.name.startsWith('nats-')));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    for (const node of TOPOLOGY) {
      if (!natsStoreExists(node)) await forgetDatabases(node);
      processes.push(await startNatsNode(TOPOLOGY, node));
    }
    for (const node of TOPOLOGY) await ensureStreams(node);

    const services = TOPOLOGY.map((node) => startNodeServices(node, processes));
    await Promise.all(services.map((s) => s.ready));

    for (const node of TOPOLOGY.filter((n) => childrenOf(TOPOLOGY, n.code).length === 0)) {
      const stationIds = await demoStations(node);
      stoppers.push(startCheckinTrickle(url(node, 'stations'), stationIds, TRICKLE_PER_SECOND));
    }
    for (const node of TOPOLOGY) printNode(node);
    process.stdout.write(`\n就绪 ready in ${Math.round((Date.now() - started) / 1000)} s. 按 Ctrl-C 停止 (Ctrl-C stops everything). Logs: .run/logs/\n`);
  } catch (error) {
    process.stderr.write(`start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await shutdown(1);
  }
}

/**
 * Creates or updates the node's streams in place (never recreates them: sources track
 * sequences). The server checks a source against the origin stream across the leafnode link,
 * which takes a moment to come up after a start: retry until it does.
 */
async function ensureStreams(node: TopologyNode): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureStreamsOnce(node);
    } catch (error) {
      if (attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function ensureStreamsOnce(node: TopologyNode): Promise<void> {
  const nc = await connect({ servers: natsUrlOf(node), name: `start-${node.code}` });
  try {
    const jsm = await jetstreamManager(nc);
    await ensureNodeStreams(jsm, nodeFromCode(node.code), {
      children: childrenOf(TOPOLOGY, node.code).map((child) => ({ code: child.code })),
      ...(node.parent ? { parent: { code: node.parent } } : {}),
    });
  } finally {
    await nc.close();
  }
}

function startNodeServices(node: TopologyNode, processes: Managed[]): { ready: Promise<void> } {
  const common = { NODE_CODE: node.code, NATS_URL: natsUrlOf(node), PG_URL, JWT_SECRET, LOG_LEVEL: 'warn' };
  const stations = startProcess(`stations-${node.code}`, process.execPath, ['dist/apps/stations/src/main.js'], {
    ...common,
    HTTP_PORT: String(portOf(node, SERVICE_PORT_OFFSETS.stations)),
    THROTTLE_PER_MINUTE: '100000',
  });
  processes.push(stations);
  const waits = [waitForHttp(`${url(node, 'stations')}/health`, 90_000, stations)];
  if (existsSync('dist/apps/dashboard/src/main.js')) {
    const children = childrenOf(TOPOLOGY, node.code).map((child) => `${child.code}=${url(child, 'dashboard')}`).join(',');
    const parent = node.parent ? `${node.parent}=${url(byCode(TOPOLOGY, node.parent), 'dashboard')}` : undefined;
    const dashboard = startProcess(`dashboard-${node.code}`, process.execPath, ['dist/apps/dashboard/src/main.js'], {
      ...common,
      HTTP_PORT: String(portOf(node, SERVICE_PORT_OFFSETS.dashboard)),
      STATIONS_URL: url(node, 'stations'),
      CHILD_DASHBOARDS: children,
      ...(parent ? { PARENT_DASHBOARD: parent } : {}),
    });
    processes.push(dashboard);
    waits.push(waitForHttp(`${url(node, 'dashboard')}/health`, 90_000, dashboard));
  }
  return { ready: Promise.all(waits).then(() => undefined) };
}

/**
 * A node's databases and its stream belong together: read-model checkpoints are stream
 * sequences and the outbox has already emptied into the old stream. When the node's nats store
 * is new (first start, or .run/ deleted), its databases from an earlier run are dropped too.
 */
async function forgetDatabases(node: TopologyNode): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const service of SERVICES) await client.query(`drop database if exists "n${node.code}_${service}" with (force)`);
  } finally {
    await client.end();
  }
}

/** Loads the district's demo stations once; later starts reuse them. */
async function demoStations(node: TopologyNode): Promise<string[]> {
  const api = url(node, 'stations');
  const existing = (await (await fetch(`${api}/stations?pageSize=500&district=${node.code}`)).json()) as { total: number; items: Array<{ id: string }> };
  if (existing.total > 0) return existing.items.map((s) => s.id);
  process.stdout.write(`加载演示数据 loading demo data for ${divisionName(node.code)} (${node.code})…\n`);
  const demo = await loadStationsDemo(api, node.code, JWT_SECRET);
  process.stdout.write(`  ${demo.stationIds.length} stations, ${demo.visits} visits\n`);
  return demo.stationIds;
}

function printNode(node: TopologyNode): void {
  const level = node.code.length === 2 ? '省' : node.code.length === 4 ? '市' : '区县';
  process.stdout.write(
    [
      `\n${divisionName(node.code) ?? node.code} (${node.code}, ${level})`,
      `  看板 dashboard ${url(node, 'dashboard')}/`,
      `  驿站 API       ${url(node, 'stations')}/stations   OpenAPI ${url(node, 'stations')}/docs   health ${url(node, 'stations')}/health`,
      `  NATS           ${natsUrlOf(node)}`,
      '',
    ].join('\n'),
  );
}

void main();
