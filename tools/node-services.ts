import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { natsUrlOf } from './nats-node';
import { Managed, startProcess, waitForHttp } from './processes';
import { byCode, childrenOf, DATA_SERVICES, DataService, NODE_SERVICES, portOf, SERVICE_PORT_OFFSETS, ServiceName, TopologyNode } from './topology';

/** How a federation on this machine is run: which nodes, which Postgres, which database names. */
export interface FederationSettings {
  topology: TopologyNode[];
  pgUrl: string;
  jwtSecret: string;
  /** Put before every database name, so a test's federation never touches npm start's databases. */
  databasePrefix: string;
  /** Postgres pool of each service (PG_POOL_MAX). */
  poolPerService: number;
}

/** What each service says about itself when the launcher prints the node. */
export const SERVICE_TITLES: Record<DataService, string> = { stations: '驿站 stations', membership: '入会 membership', wishes: '心愿 wishes', dispatch: '派单 dispatch' };

/** The demo loads and the trickles go far beyond the public rate limit meant for one kiosk. */
const LAUNCHER_THROTTLE_PER_MINUTE = '1000000';
/**
 * 24 services share one Postgres (max_connections 100 by default). Each holds its pool, plus
 * one connection for its projection leases and one for the outbox LISTEN.
 */
export const DEFAULT_POOL_PER_SERVICE = 1;
export const connectionsPerService = (settings: FederationSettings) => settings.poolPerService + 2;

/** The services the launcher runs are the ones built beside it (dist/tools → dist/apps). */
const entryOf = (app: string) => join(__dirname, '..', 'apps', app, 'src', 'main.js');

export const serviceUrl = (node: TopologyNode, service: ServiceName) => `http://127.0.0.1:${portOf(node, SERVICE_PORT_OFFSETS[service])}`;

export const databaseName = (settings: FederationSettings, node: TopologyNode, service: DataService) => `${settings.databasePrefix}n${node.code}_${service}`;

/** The built service files, checked before anything starts: a missing build is a clear message, not a timeout. */
export function assertBuilt(): void {
  const missing = NODE_SERVICES.map(entryOf).filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')} (run npm run build)`);
}

/**
 * Starts the node's services (not waiting for them) and its dashboard, which proxies them.
 * `ready` settles when every /health answers.
 */
export function startNodeServices(settings: FederationSettings, node: TopologyNode): { processes: Managed[]; ready: Promise<void> } {
  const common = {
    NODE_CODE: node.code,
    NATS_URL: natsUrlOf(node),
    PG_URL: settings.pgUrl,
    JWT_SECRET: settings.jwtSecret,
    LOG_LEVEL: 'warn',
    THROTTLE_PER_MINUTE: LAUNCHER_THROTTLE_PER_MINUTE,
    PG_POOL_MAX: String(settings.poolPerService),
  };
  const processes: Managed[] = [];
  const waits: Promise<void>[] = [];
  for (const service of DATA_SERVICES) {
    const managed = startProcess(`${service}-${node.code}`, process.execPath, [entryOf(service)], {
      ...common,
      HTTP_PORT: String(portOf(node, SERVICE_PORT_OFFSETS[service])),
      PG_DATABASE: databaseName(settings, node, service),
    });
    processes.push(managed);
    waits.push(waitForHttp(`${serviceUrl(node, service)}/health`, 120_000, managed));
  }
  const children = childrenOf(settings.topology, node.code).map((child) => `${child.code}=${serviceUrl(child, 'dashboard')}`);
  const parent = node.parent ? `${node.parent}=${serviceUrl(byCode(settings.topology, node.parent), 'dashboard')}` : undefined;
  const dashboard = startProcess(`dashboard-${node.code}`, process.execPath, [entryOf('dashboard')], {
    NODE_CODE: node.code,
    NATS_URL: natsUrlOf(node),
    LOG_LEVEL: 'warn',
    HTTP_PORT: String(portOf(node, SERVICE_PORT_OFFSETS.dashboard)),
    STATIONS_URL: serviceUrl(node, 'stations'),
    MEMBERSHIP_URL: serviceUrl(node, 'membership'),
    WISHES_URL: serviceUrl(node, 'wishes'),
    DISPATCH_URL: serviceUrl(node, 'dispatch'),
    CHILD_DASHBOARDS: children.join(','),
    ...(parent ? { PARENT_DASHBOARD: parent } : {}),
  });
  processes.push(dashboard);
  waits.push(waitForHttp(`${serviceUrl(node, 'dashboard')}/health`, 120_000, dashboard));
  return { processes, ready: Promise.all(waits).then(() => undefined) };
}
