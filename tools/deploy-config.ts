import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Document, isScalar, Scalar, visit } from 'yaml';
import { nodeFromCode } from '@ws/contracts';
import {
  BUS_SERVICES,
  type BusService,
  jetStreamDomain,
  leafUser,
  LOCAL_PASSWORD_VARIABLE,
  NATS_CA_FILE_VARIABLE,
  nodeLocalPasswordVariable,
  renderNatsConfig,
  serviceUser,
} from '@ws/messaging';
import { nextStepOf, ROTATION_STEPS, RotationOutOfOrderError, type RotationStep } from './ca-rotation';
import { caRotationPhase, ensureFederationTls } from './federation-tls';
import { byCode, childrenOf, DATA_SERVICES, DataService, FEDERATION, isLeaf, portOf, SERVICE_PORT_OFFSETS, ServiceName, subtreeOf, TopologyNode } from './topology';

/**
 * `npm run deploy:config`: the three-level federation for Docker, generated from the topology
 * (tools/topology.ts) so that configs, credentials and the compose file cannot drift apart:
 *   deploy/nats/<code>.conf   one nats-server per node (JetStream domain n<code>, a leafnode user
 *                             per child, the link to its parent with the node's credentials)
 *   docker-compose.yml        one nats per node, one Postgres, the node's services, the stream
 *                             bootstrap, and the demo profile
 *   deploy/tls/               the federation's CA and each node's certificate (made once, never
 *                             committed: .gitignore), which its nats-server presents on its
 *                             leafnode links and on its client port (TLS only: its services, the
 *                             stream bootstrap and the demo loader check it with the CA, mounted
 *                             read-only, named by NATS_CA_FILE); `--rotate-ca`, `--reissue-certificates`
 *                             and `--retire-old-ca` are the three steps of a CA rotation
 *                             (tools/ca-rotation.ts), each followed by restarting the nats
 *                             containers one by one; a CA within its last 180 days starts one by itself
 * No password is in any of these files (they are committed): nats-server reads each from its
 * environment (`password: $NAME`: the same names at every node, as a node on a host of its own
 * sets them), and compose passes them from the host's, one per node, refusing to start without
 * them (see passwordVariables):
 *   NATS_<CODE>_<SERVICE>_PASSWORD  node <code>'s service user, its nats-server's NATS_<SERVICE>_PASSWORD;
 *                              the service's NATS_URL takes it from the same variable
 *   NATS_<CODE>_LOCAL_PASSWORD node <code>'s operator (`local`), its nats-server's NATS_LOCAL_PASSWORD:
 *                              the stream bootstrap and the node's demo loader
 *   NATS_LEAF_<CODE>_PASSWORD  the child <code>'s leafnode user at its parent; compose puts it in
 *                              the child's NATS_PARENT_LEAF_URL (its remote: nats-server 2.9 takes a
 *                              remote's credentials only in the URL, and a variable only as a whole value)
 */

/** Ports inside each container; the host sees the services on npm start's port blocks. */
export const CONTAINER = { natsPort: 4222, leafPort: 7422, monitorPort: 8222, httpPort: 3000, storeDir: '/data' } as const;

export const natsHost = (code: string) => `nats-${code}`;
export const serviceHost = (service: ServiceName, code: string) => `${service}-${code}`;
export const natsUrl = (code: string) => `nats://${natsHost(code)}:${CONTAINER.natsPort}`;
/** The variable a node's nats-server (its config) reads a service's password from. */
export const servicePasswordVariable = (service: BusService) => `NATS_${service.toUpperCase()}_PASSWORD`;
/**
 * The host's variable of node `code`'s service password (compose runs every node on one host): a
 * service's password at one node opens no other node's server.
 */
export const nodeServicePasswordVariable = (code: string, service: BusService) => `NATS_${code}_${service.toUpperCase()}_PASSWORD`;
/** The variable holding the password of the child `code`'s leafnode user (at its parent, and in the child's link to it). */
export const leafPasswordVariable = (code: string) => `NATS_LEAF_${code}_PASSWORD`;
/** The variable a child's nats-server reads its link to the parent from: the URL with its user and password. */
export const PARENT_LEAF_URL_VARIABLE = 'NATS_PARENT_LEAF_URL';
/** `${NAME:?…}`: compose fills it in from the host's environment, and refuses to start without it. */
const required = (name: string) => `\${${name}:?set ${name}}`;
/** A service's NATS_URL, its password filled in by compose from the host's environment (required: compose refuses to start without it). */
const serviceNatsUrl = (code: string, service: BusService) =>
  `nats://${serviceUser(service)}:${required(nodeServicePasswordVariable(code, service))}@${natsHost(code)}:${CONTAINER.natsPort}`;
/** Inside each nats container: the federation's CA and the node's certificate (deploy/tls, mounted read-only). */
export const CONTAINER_TLS = { caFile: '/etc/nats/tls/ca.pem', certFile: '/etc/nats/tls/node/cert.pem', keyFile: '/etc/nats/tls/node/key.pem' } as const;
/**
 * Inside every container that connects to a nats-server (services, stream bootstrap, demo
 * loader): the federation's CA, mounted read-only, which NATS_CA_FILE names. A file mount, not a
 * copy: deploy:config rewrites ca.pem in place during a CA rotation, and a client reads it again
 * at each reconnection.
 */
export const CLIENT_CA_FILE = '/etc/waystation/nats-ca.pem';
const clientCa = { env: { [NATS_CA_FILE_VARIABLE]: CLIENT_CA_FILE }, volume: `./deploy/tls/ca.pem:${CLIENT_CA_FILE}:ro` } as const;
const serviceUrl = (service: ServiceName, code: string) => `http://${serviceHost(service, code)}:${CONTAINER.httpPort}`;
/** Dashboards link to each other in the browser, so those links use the host's ports. */
const publicDashboardUrl = (node: TopologyNode) => `http://\${WAYSTATION_PUBLIC_HOST:-127.0.0.1}:${portOf(node, SERVICE_PORT_OFFSETS.dashboard)}`;

const IMAGE = 'waystation:dev';
const BUILD = { context: '.', dockerfile: 'deploy/Dockerfile' };
/** Where a node's officers' signing key lives (its identity service's secret store; the demo loader makes it if missing). */
const IDENTITY_KEY_DIR = '/var/lib/waystation/identity';
const identityVolume = (code: string) => `identity-${code}`;
/**
 * Secrets (and notify's gateway settings) a service reads, passed through from the environment. The image
 * sets NODE_ENV=production, where a service refuses to start on a missing secret or a development value,
 * naming the variable (notify's gateways stay off unless set).
 */
const SERVICE_SECRETS: Record<DataService, string[]> = {
  stations: ['STATION_LINK_SECRET', 'LEGAL_AID_VAULT_KEY', 'PHOTO_URL_SECRET'],
  membership: ['PII_MASTER_KEY', 'PII_HMAC_KEY'],
  wishes: ['WISHES_VAULT_KEY', 'WISHES_AUTHOR_SECRET', 'PHOTO_URL_SECRET'],
  dispatch: ['VAULT_KEY', 'VOLUNTEER_TOKEN_SECRET', 'PHOTO_URL_SECRET'],
  // The signing key is a file (a private Ed25519 JWK) mounted into the container; the path names it.
  identity: ['IDENTITY_SIGNING_KEY_FILE', 'IDENTITY_COOKIE_SECRET', 'IDENTITY_VAULT_KEY', 'IDENTITY_INITIAL_ACCOUNTS_FILE', 'IDENTITY_TOTP_STATION_MANAGERS'],
  jobs: ['JOBS_VAULT_KEY', 'JOBS_SESSION_SECRET'],
  notify: [
    'NOTIFY_VAULT_KEY', 'SMS_GATEWAY', 'SMS_ENDPOINT', 'SMS_ACCESS_KEY_ID', 'SMS_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_CODES',
    'WECHAT_GATEWAY', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_TEMPLATE_IDS', 'PUSH_GATEWAY', 'VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT', 'NOTIFY_DEV_BOX',
  ],
};
/** Photos of a node's wishes, its volunteers' proof photos and its activities' photos (a local folder each by default; PHOTO_STORE=s3 moves them to MinIO / OSS). */
const PHOTO_DIR = '/var/lib/waystation/photos';
const PHOTO_SERVICES: readonly DataService[] = ['wishes', 'dispatch', 'stations'];
const photosVolume = (service: DataService, code: string) => (service === 'wishes' ? `photos-${code}` : `${service}-photos-${code}`);
/** 42 services (seven a node, six nodes) share the one Postgres: 42 × (pool 3 + 1 session) = 168 of its 200 connections. */
const POOL_PER_SERVICE = '3';

export function natsDeployConfig(topology: TopologyNode[], node: TopologyNode): string {
  return renderNatsConfig({
    node: nodeFromCode(node.code),
    port: CONTAINER.natsPort,
    leafPort: CONTAINER.leafPort,
    httpPort: CONTAINER.monitorPort,
    storeDir: CONTAINER.storeDir,
    domain: jetStreamDomain(node.code),
    localPassword: { env: LOCAL_PASSWORD_VARIABLE },
    services: BUS_SERVICES.map((service) => ({ service, password: { env: servicePasswordVariable(service) } })),
    leafTls: CONTAINER_TLS,
    clientTls: CONTAINER_TLS,
    children: childrenOf(topology, node.code).map((child) => ({
      code: child.code,
      password: { env: leafPasswordVariable(child.code) },
      subtree: subtreeOf(topology, child.code),
    })),
    ...(node.parent ? { parentLeafUrl: { env: PARENT_LEAF_URL_VARIABLE } } : {}),
  });
}

type ComposeService = Record<string, unknown>;
export interface ComposeFile {
  name: string;
  services: Record<string, ComposeService>;
  volumes: Record<string, Record<string, never>>;
}

const healthy = { condition: 'service_healthy' };
/**
 * Docker's SIGKILL after SIGTERM comes 10 s later by default; a service takes up to its
 * SHUTDOWN_GRACE_MS (20 s) to finish requests, drain the outbox and release its leases.
 */
export const STOP_GRACE_PERIOD = '25s';
const httpHealthcheck = {
  test: ['CMD', 'node', '-e', `fetch('http://localhost:${CONTAINER.httpPort}/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))`],
  interval: '5s',
  retries: 36,
};

/**
 * What a node's nats-server finds in its environment (compose fills each in from the host's
 * variable of that node, or refuses to start): the passwords its config refers to, and the URL of
 * its link to its parent with its leafnode password in it.
 */
function natsEnvironment(node: TopologyNode): Record<string, string> {
  return {
    [LOCAL_PASSWORD_VARIABLE]: required(nodeLocalPasswordVariable(node.code)),
    ...Object.fromEntries(BUS_SERVICES.map((service) => [servicePasswordVariable(service), required(nodeServicePasswordVariable(node.code, service))])),
    ...(node.parent
      ? { [PARENT_LEAF_URL_VARIABLE]: `nats-leaf://${leafUser(node.code)}:${required(leafPasswordVariable(node.code))}@${natsHost(node.parent)}:${CONTAINER.leafPort}` }
      : {}),
  };
}

export function composeFile(topology: TopologyNode[] = FEDERATION): ComposeFile {
  const services: Record<string, ComposeService> = {
    postgres: {
      image: 'postgres:15-alpine',
      command: ['postgres', '-c', 'max_connections=200'],
      environment: { POSTGRES_HOST_AUTH_METHOD: 'trust' },
      volumes: ['pg-data:/var/lib/postgresql/data'],
      healthcheck: { test: ['CMD', 'pg_isready', '-U', 'postgres'], interval: '5s', retries: 12 },
    },
  };
  const volumes: ComposeFile['volumes'] = { 'pg-data': {} };
  for (const node of topology) {
    services[natsHost(node.code)] = {
      image: 'nats:2.9-alpine',
      command: ['-c', '/etc/nats/node.conf'],
      // The config refers to its passwords ($NATS_…): from the host's environment.
      environment: {
        ...natsEnvironment(node),
        ...Object.fromEntries(childrenOf(topology, node.code).map((child) => [leafPasswordVariable(child.code), required(leafPasswordVariable(child.code))])),
      },
      volumes: [
        `./deploy/nats/${node.code}.conf:/etc/nats/node.conf:ro`,
        `${natsHost(node.code)}:${CONTAINER.storeDir}`,
        `./deploy/tls/ca.pem:${CONTAINER_TLS.caFile}:ro`,
        `./deploy/tls/${node.code}:/etc/nats/tls/node:ro`,
      ],
      healthcheck: { test: ['CMD', 'wget', '-qO-', `http://localhost:${CONTAINER.monitorPort}/healthz?js-enabled-only=true`], interval: '5s', retries: 12 },
    };
    volumes[natsHost(node.code)] = {};
    for (const service of PHOTO_SERVICES) volumes[photosVolume(service, node.code)] = {};
    volumes[identityVolume(node.code)] = {};
  }
  services['streams'] = {
    image: IMAGE,
    build: BUILD,
    command: ['node', 'dist/tools/deploy-streams.js'],
    // The job logs in as each node's `local` user, with the password that node's nats-server reads.
    environment: {
      NODE_NATS_URLS: topology.map((node) => `${node.code}=${natsUrl(node.code)}`).join(','),
      ...clientCa.env,
      ...Object.fromEntries(topology.map((node) => [nodeLocalPasswordVariable(node.code), required(nodeLocalPasswordVariable(node.code))])),
    },
    volumes: [clientCa.volume],
    depends_on: Object.fromEntries(topology.map((node) => [natsHost(node.code), healthy])),
  };
  for (const node of topology) Object.assign(services, nodeServices(topology, node));
  for (const node of topology.filter((n) => isLeaf(topology, n))) {
    services[`demo-${node.code}`] = {
      image: IMAGE,
      build: BUILD,
      command: ['node', 'dist/tools/demo-cli.js', '--api', serviceUrl('stations', node.code), '--node', node.code, '--nats', natsUrl(node.code), '--issuer', `${publicDashboardUrl(node)}/oidc`],
      environment: { IDENTITY_SIGNING_KEY_FILE: `${IDENTITY_KEY_DIR}/officer-signing-key.jwk`, [LOCAL_PASSWORD_VARIABLE]: required(nodeLocalPasswordVariable(node.code)), ...clientCa.env },
      volumes: [`${identityVolume(node.code)}:${IDENTITY_KEY_DIR}`, clientCa.volume],
      profiles: ['demo'],
      depends_on: { [serviceHost('stations', node.code)]: healthy },
    };
  }
  return { name: 'waystation', services, volumes };
}

function nodeServices(topology: TopologyNode[], node: TopologyNode): Record<string, ComposeService> {
  const startsAfter = {
    [natsHost(node.code)]: healthy,
    postgres: healthy,
    streams: { condition: 'service_completed_successfully' },
  };
  const common = { NODE_CODE: node.code, HTTP_PORT: String(CONTAINER.httpPort), HTTP_HOST: '0.0.0.0', LOG_LEVEL: 'info' };
  const services: Record<string, ComposeService> = {};
  for (const service of DATA_SERVICES) {
    services[serviceHost(service, node.code)] = {
      image: IMAGE,
      build: BUILD,
      command: ['node', `dist/apps/${service}/src/main.js`],
      environment: {
        ...common,
        NATS_URL: serviceNatsUrl(node.code, service),
        ...clientCa.env,
        PG_URL: 'postgres://postgres@postgres:5432/postgres',
        PG_POOL_MAX: POOL_PER_SERVICE,
        // The demo loader sends a week of check-ins at once.
        THROTTLE_PER_MINUTE: '${THROTTLE_PER_MINUTE:-100000}',
        ...Object.fromEntries(SERVICE_SECRETS[service].map((name) => [name, null])),
        ...(service === 'stations' ? { WAYSTATION_PUBLIC_HOST: publicDashboardUrl(node) } : {}),
        ...(PHOTO_SERVICES.includes(service) ? { PHOTO_DIR: PHOTO_DIR } : {}),
        // Links in messages and the code SMS lead to the node's public front.
        ...(service === 'notify' ? { PUBLIC_ORIGIN: publicDashboardUrl(node) } : {}),
      },
      volumes: [clientCa.volume, ...(PHOTO_SERVICES.includes(service) ? [`${photosVolume(service, node.code)}:${PHOTO_DIR}`] : [])],
      ports: [`${portOf(node, SERVICE_PORT_OFFSETS[service])}:${CONTAINER.httpPort}`],
      depends_on: startsAfter,
      healthcheck: httpHealthcheck,
      stop_grace_period: STOP_GRACE_PERIOD,
    };
  }
  const children = childrenOf(topology, node.code).map((child) => `${child.code}=${publicDashboardUrl(child)}`);
  services[serviceHost('dashboard', node.code)] = {
    image: IMAGE,
    build: BUILD,
    command: ['node', 'dist/apps/dashboard/src/main.js'],
    environment: {
      ...common,
      NATS_URL: serviceNatsUrl(node.code, 'dashboard'),
      ...clientCa.env,
      ...Object.fromEntries(DATA_SERVICES.map((service) => [`${service.toUpperCase()}_URL`, serviceUrl(service, node.code)])),
      CHILD_DASHBOARDS: children.join(','),
      WAYSTATION_PUBLIC_HOST: publicDashboardUrl(node),
      ...(node.parent ? { PARENT_DASHBOARD: `${node.parent}=${publicDashboardUrl(byCode(topology, node.parent))}` } : {}),
    },
    volumes: [clientCa.volume],
    ports: [`${portOf(node, SERVICE_PORT_OFFSETS.dashboard)}:${CONTAINER.httpPort}`],
    depends_on: { ...startsAfter, ...Object.fromEntries(DATA_SERVICES.map((service) => [serviceHost(service, node.code), { condition: 'service_started' }])) },
    healthcheck: httpHealthcheck,
    stop_grace_period: STOP_GRACE_PERIOD,
  };
  return services;
}

const COMPOSE_HEADER = `# Generated by \`npm run deploy:config\` from tools/topology.ts; do not edit by hand.
# The three-level federation: 浙江 33 ← 衢州 3308 ← 柯城 330802, 浙江 33 ← 嘉兴 3304 ← 海盐 330424 / 南湖 330402.
# One nats-server per node (deploy/nats/<code>.conf: JetStream domain, leafnode users of its
# children, authenticated link to its parent), one Postgres, the seven services of every node on
# the host ports of npm start (dashboard of 浙江 at http://127.0.0.1:4100/), and a one-shot that
# creates the nodes' streams before the services start.
#   docker compose up -d
#   docker compose --profile demo up demo-330802 demo-330424 demo-330402   # demo stations and visits
# No password is in the nats configs or here: nats-server and compose read them from the host's
# environment (or .env, not committed), one per node, and compose refuses to start without them:
#   NATS_<CODE>_LOCAL_PASSWORD     node <code>'s operator (\`local\`): the stream bootstrap and the demo
#   NATS_<CODE>_STATIONS_PASSWORD … NATS_<CODE>_DASHBOARD_PASSWORD   each service's own nats user at node <code>
#   NATS_LEAF_<CODE>_PASSWORD      each non-province node's user at its parent (3308 3304 330802 330424 330402)
# URL-safe values that nats-server does not read as a number, e.g. p$(openssl rand -hex 16); the
# README's deploy section has the command that writes them all to .env.
# Every nats connection is TLS: deploy:config makes the federation's CA and each node's certificate
# under deploy/tls/ (not committed); a nats-server presents its node's on its leafnode links and its
# client port, and every container that connects checks it with the CA (NATS_CA_FILE, mounted read-only).
`;

/**
 * YAML with lists of plain values on one line ([a, b]), the way compose files are written by
 * hand; port mappings quoted (YAML 1.1 readers take 4100:3000 for a base-60 number); a secret
 * passed through from the environment written as `NAME:` (null).
 */
export function renderCompose(compose: ComposeFile): string {
  const document = new Document(compose, { aliasDuplicateObjects: false });
  visit(document, {
    Seq(_key, seq) {
      if (seq.items.every((item) => isScalar(item))) seq.flow = true;
    },
    Scalar(_key, scalar) {
      if (typeof scalar.value === 'string' && /^\d+:\d+$/.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return COMPOSE_HEADER + document.toString({ lineWidth: 0, nullStr: '' });
}

/** Every variable the deployment's nats-servers and tools need from the host's environment. */
export function passwordVariables(topology: TopologyNode[] = FEDERATION): string[] {
  return [
    ...topology.flatMap((node) => [nodeLocalPasswordVariable(node.code), ...BUS_SERVICES.map((service) => nodeServicePasswordVariable(node.code, service))]),
    ...topology.filter((node) => node.parent).map((node) => leafPasswordVariable(node.code)),
  ];
}

/** Every file `npm run deploy:config` writes, by path relative to the repository. */
export function deploymentFiles(topology: TopologyNode[] = FEDERATION): Map<string, string> {
  const files = new Map<string, string>();
  for (const node of topology) files.set(join('deploy', 'nats', `${node.code}.conf`), natsDeployConfig(topology, node));
  files.set('docker-compose.yml', renderCompose(composeFile(topology)));
  return files;
}

/** The rotation step asked for on the command line (at most one). */
export function rotationStepOf(args: string[]): RotationStep | undefined {
  const { values } = parseArgs({ args, options: Object.fromEntries(ROTATION_STEPS.map((step) => [step, { type: 'boolean' as const }])) });
  const asked = ROTATION_STEPS.filter((step) => values[step]);
  if (asked.length > 1) throw new Error(`one rotation step at a time: ${asked.map((step) => `--${step}`).join(' ')}`);
  return asked[0];
}

async function main(): Promise<void> {
  const step = rotationStepOf(process.argv.slice(2));
  const files = deploymentFiles(FEDERATION);
  await ensureFederationTls('deploy', FEDERATION.map((node) => node.code), new Date(), { step });
  mkdirSync(join('deploy', 'nats'), { recursive: true });
  for (const stale of readdirSync(join('deploy', 'nats')).filter((name) => !files.has(join('deploy', 'nats', name)))) rmSync(join('deploy', 'nats', stale));
  for (const [path, content] of files) writeFileSync(path, content);
  process.stdout.write(`wrote ${[...files.keys()].join(', ')}; the CA and the nodes' certificates (leafnode links and client ports) in deploy/tls/ (not committed)\n`);
  const phase = caRotationPhase('deploy');
  const next = nextStepOf(phase);
  if (next) process.stdout.write(`CA rotation under way (${phase}): ${next}\n`);
  process.stdout.write(`passwords are not in these files: set ${passwordVariables(FEDERATION).join(' ')} where compose runs (see README)\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    // A step out of order is the operator's mistake, not the tool's: its message says what to run.
    process.stderr.write(`${error instanceof RotationOutOfOrderError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
