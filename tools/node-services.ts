import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { publicOrigin } from '@ws/contracts';
import { devIdentityAccounts } from './dev-identity';
import { devNodeSecret, devSigningKeyFile, devVapidKeys } from './dev-secrets';
import { natsCaFileOfLaunch, natsServiceUrlOf, natsUrlOf } from './nats-node';
import { nodeSecretsEnv } from './node-secrets';
import { Managed, runDir, startProcess, tailOf, waitForHttp } from './processes';
import { byCode, childrenOf, DATA_SERVICES, DataService, NODE_SERVICES, portOf, SERVICE_PORT_OFFSETS, ServiceName, TopologyNode } from './topology';

/** How a federation on this machine is run: which nodes, which Postgres, which database names. */
export interface FederationSettings {
  topology: TopologyNode[];
  pgUrl: string;
  /** Put before every database name, so a test's federation never touches npm start's databases. */
  databasePrefix: string;
  /** Postgres pool of each service (PG_POOL_MAX). */
  poolPerService: number;
  /** How each node's services run: compact (one process per node) or separate (a process per service). */
  profile: NodeProfile;
}

/**
 * compact: every service of a node in one Node process (apps/compact), each still its own Nest
 * application with its own port, database and consumers — a fifth of the memory, ready sooner;
 * separate: one process per service, as docker-compose runs them.
 */
export const NODE_PROFILES = ['compact', 'separate'] as const;
export type NodeProfile = (typeof NODE_PROFILES)[number];

/** What each service says about itself when the launcher prints the node. */
export const SERVICE_TITLES: Record<DataService, string> = {
  stations: '驿站 stations',
  membership: '入会 membership',
  wishes: '心愿 wishes',
  dispatch: '派单 dispatch',
  identity: '身份 identity',
  notify: '消息 notify',
  jobs: '零工之家 jobs',
};

/** The demo loads and the trickles go far beyond the public rate limit meant for one kiosk. */
const LAUNCHER_THROTTLE_PER_MINUTE = '1000000';
/**
 * Six nodes' services share one Postgres (max_connections 100 by default). Each holds its pool
 * and one session connection (projection leases and the outbox LISTEN): tools/postgres-budget.ts.
 */
export const DEFAULT_POOL_PER_SERVICE = 1;

/** The services the launcher runs are the ones built beside it (dist/tools → dist/apps). */
const entryOf = (app: string) => join(__dirname, '..', 'apps', app, 'src', 'main.js');
const COMPACT_HOST = 'compact';

export const serviceUrl = (node: TopologyNode, service: ServiceName) => `http://127.0.0.1:${portOf(node, SERVICE_PORT_OFFSETS[service])}`;

/** What people open: the node's front on WAYSTATION_PUBLIC_HOST when set (a LAN address), else on this machine. */
export const nodePublicOrigin = (node: TopologyNode) => publicOrigin(process.env['WAYSTATION_PUBLIC_HOST'], portOf(node, SERVICE_PORT_OFFSETS.dashboard));

export const databaseName = (settings: FederationSettings, node: TopologyNode, service: DataService) => `${settings.databasePrefix}n${node.code}_${service}`;

/**
 * WAYSTATION_PUBLIC_HOST, when the person starting the federation set it, as each node's origin
 * (a bare host gets the node's front port). Unset, links carry the address the page was opened at.
 */
function publicHost(node: TopologyNode): Record<string, string> {
  return process.env['WAYSTATION_PUBLIC_HOST'] ? { WAYSTATION_PUBLIC_HOST: nodePublicOrigin(node) } : {};
}

/** The built service files, checked before anything starts: a missing build is a clear message, not a timeout. */
export function assertBuilt(): void {
  const missing = [...NODE_SERVICES, COMPACT_HOST].map(entryOf).filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')} (run npm run build)`);
}

/** A service of the node and the environment it runs with, whichever the profile. */
interface ServiceLaunch {
  service: ServiceName;
  env: Record<string, string>;
}

/**
 * Starts the node's services and its dashboard, which proxies them, as the settings' profile
 * says (not waiting for them). `ready` settles when every /health answers.
 */
export function startNodeServices(settings: FederationSettings, node: TopologyNode): { processes: Managed[]; ready: Promise<void> } {
  const launches = serviceLaunches(settings, node);
  return settings.profile === 'compact' ? startCompactNode(node, launches) : startSeparateProcesses(node, launches);
}

function startSeparateProcesses(node: TopologyNode, launches: ServiceLaunch[]): { processes: Managed[]; ready: Promise<void> } {
  const processes = launches.map(({ service, env }) => startProcess(`${service}-${node.code}`, process.execPath, [entryOf(service)], env));
  const ready = Promise.all(launches.map(({ service }, index) => waitForHttp(`${serviceUrl(node, service)}/health`, 120_000, processes[index])));
  return { processes, ready: ready.then(() => undefined) };
}

/**
 * A small server's settings for the compact node's one V8 heap, measured by bench:node:
 * - a young generation of 2 × 4 MB semi-spaces instead of 2 × 16 MB: V8 otherwise keeps up to
 *   48 MB committed for short-lived objects; the price is more frequent (sub-millisecond)
 *   scavenges and a little more promoted to the old generation, nothing a node's request rate feels.
 * - glibc keeps one malloc arena per thread that allocates (libuv's pool, V8's workers, libvips)
 *   and rarely gives their free pages back; two arenas are enough for one event loop.
 */
export const COMPACT_NODE_FLAGS = ['--max-semi-space-size=4'];
export const COMPACT_NODE_ENV = { MALLOC_ARENA_MAX: '2' };

/** One process for the whole node (apps/compact); a service it reports ended at start fails `ready` at once, with the reason. */
function startCompactNode(node: TopologyNode, launches: ServiceLaunch[]): { processes: Managed[]; ready: Promise<void> } {
  const services = launches.map(({ service, env }) => ({ name: service, entry: entryOf(service), env }));
  const managed = startProcess(`node-${node.code}`, process.execPath, [...COMPACT_NODE_FLAGS, entryOf(COMPACT_HOST)], { COMPACT_SERVICES: JSON.stringify(services), ...COMPACT_NODE_ENV }, { ipc: true });
  const failed = new Promise<never>((_, reject) => {
    managed.child.on('message', (report: { service?: string; state?: string; reason?: string }) => {
      if (report.state === 'ended') reject(new Error(`${report.service}-${node.code} (in ${managed.name}) ended: ${report.reason}; see ${managed.logFile}\n${tailOf(managed)}`));
    });
  });
  // One service polled at a time: the process starts its services together, so the others are
  // mostly up by the time the first answers, and eight polls every 200 ms per node (refused
  // connections while it loads) cost the launcher and the loading node CPU both need.
  const healthy = (async () => {
    for (const { service } of launches) await waitForHttp(`${serviceUrl(node, service)}/health`, 120_000, managed);
  })();
  return { processes: [managed], ready: Promise.race([healthy, failed]).then(() => undefined) };
}

function serviceLaunches(settings: FederationSettings, node: TopologyNode): ServiceLaunch[] {
  const common = {
    NODE_CODE: node.code,
    PG_URL: settings.pgUrl,
    // The node's officer signing key (.run/secrets): read by its identity service only.
    IDENTITY_SIGNING_KEY_FILE: devSigningKeyFile(node.code),
    LOG_LEVEL: 'warn',
    THROTTLE_PER_MINUTE: LAUNCHER_THROTTLE_PER_MINUTE,
    PG_POOL_MAX: String(settings.poolPerService),
    // One pooled connection per service, six nodes' demo loads on two cores: a query may wait
    // for the connection far longer than a production node's 3 s (a request still answers 503 at
    // its 10 s deadline; a projection starting at boot waits rather than failing the service).
    PG_CONNECT_TIMEOUT_MS: '30000',
    // Links in messages lead to the node's front; what would be sent goes to the message box at
    // /messages/ (development only); the demo nodes ask applicants for an SMS code (shown there).
    PUBLIC_ORIGIN: nodePublicOrigin(node),
    NOTIFY_DEV_BOX: 'on',
    MEMBERSHIP_JOIN_MOBILE_CODE: 'required',
  };
  // Per-node settings of one service each besides its secrets (node-secrets.ts): the origin the
  // station codes print, where photos are kept, the node's first officers (the demo's, printed by the launcher).
  const own: Partial<Record<ServiceName, Record<string, string>>> = {
    stations: { ...publicHost(node), PHOTO_DIR: join(runDir(), 'photos', databaseName(settings, node, 'stations')) },
    dispatch: { PHOTO_DIR: join(runDir(), 'photos', databaseName(settings, node, 'dispatch')) },
    identity: { IDENTITY_INITIAL_ACCOUNTS_FILE: devIdentityAccounts(node).file },
    // The node's VAPID keys: browsers subscribe to web push with the public one; the pushes stay in
    // the message box unless PUSH_GATEWAY=webpush is set (then they go to the browsers' push services).
    notify: vapidEnv(node),
    wishes: { PHOTO_DIR: join(runDir(), 'photos', databaseName(settings, node, 'wishes')) },
  };
  const launches: ServiceLaunch[] = DATA_SERVICES.map((service) => ({
    service,
    // Each service logs in to its node's nats-server as its own user (servicePermissions).
    env: {
      ...common, ...nodeSecretsEnv(node, service), ...own[service],
      NATS_URL: natsServiceUrlOf(node, service), NATS_CA_FILE: natsCaFileOfLaunch(), HTTP_PORT: String(portOf(node, SERVICE_PORT_OFFSETS[service])), PG_DATABASE: databaseName(settings, node, service),
    },
  }));
  const children = childrenOf(settings.topology, node.code).map((child) => `${child.code}=${serviceUrl(child, 'dashboard')}`);
  const parent = node.parent ? `${node.parent}=${serviceUrl(byCode(settings.topology, node.parent), 'dashboard')}` : undefined;
  launches.push({
    service: 'dashboard',
    env: {
      NODE_CODE: node.code,
      NATS_URL: natsServiceUrlOf(node, 'dashboard'),
      NATS_CA_FILE: natsCaFileOfLaunch(),
      LOG_LEVEL: 'warn',
      HTTP_PORT: String(portOf(node, SERVICE_PORT_OFFSETS.dashboard)),
      // STATIONS_URL, MEMBERSHIP_URL …: every service of the node is one of the front's upstreams.
      ...Object.fromEntries(DATA_SERVICES.map((service) => [`${service.toUpperCase()}_URL`, serviceUrl(node, service)])),
      CHILD_DASHBOARDS: children.join(','),
      ...publicHost(node),
      ...(parent ? { PARENT_DASHBOARD: parent } : {}),
    },
  });
  return launches;
}

function vapidEnv(node: TopologyNode): Record<string, string> {
  const publicKey = process.env['VAPID_PUBLIC_KEY'];
  const privateKey = process.env['VAPID_PRIVATE_KEY'];
  const keys = publicKey && privateKey ? { publicKey, privateKey } : devVapidKeys(node.code);
  return { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };
}
