import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFromCode } from '@ws/contracts';
import {
  BUS_SERVICES,
  type BusService,
  FederationCredentials,
  jetStreamDomain,
  LeafChild,
  natsServerBinary,
  renderNatsConfig,
  serviceUser,
  withNatsCredentials,
} from '@ws/messaging';
import { devFederationSecret, devNodeSecret } from './dev-secrets';
import { ensureFederationTls, federationCaFileOf, leafTlsFilesOf } from './federation-tls';
import { Managed, runDir, startProcess } from './processes';
import { byCode, childrenOf, NATS_CLIENT_OFFSET, NATS_LEAF_OFFSET, NATS_MONITOR_OFFSET, portOf, subtreeOf, TopologyNode } from './topology';

/** The node's nats-server config and JetStream store, under the launcher's run directory. */
const natsDirOf = (node: TopologyNode) => join(runDir(), 'nats', node.code);

export function natsStoreExists(node: TopologyNode): boolean {
  return existsSync(join(natsDirOf(node), 'store'));
}

/** Deletes the node's JetStream store (its nats-server not running): the next start is the node's first. */
export function removeNatsStore(node: TopologyNode): void {
  rmSync(join(natsDirOf(node), 'store'), { recursive: true, force: true });
}

/** The node's nats-server for people: no credentials in it (the server takes no client without them). */
export function natsUrlOf(node: TopologyNode): string {
  return `nats://127.0.0.1:${portOf(node, NATS_CLIENT_OFFSET)}`;
}

/**
 * What the launcher's nats clients (its services, its own connections) check their node's
 * nats-server with: every server's client port speaks TLS with the node's certificate of the
 * federation's CA (valid for 127.0.0.1).
 */
export function natsCaFileOfLaunch(): string {
  return federationCaFileOf(runDir());
}

/** The node's operator on its nats-server (`local`): the launcher provisioning streams and announcing keys. */
export function natsAdminUrlOf(node: TopologyNode): string {
  return withNatsCredentials(natsUrlOf(node), federationCredentials().local(node.code));
}

/**
 * The password of a service's nats user: NATS_<SERVICE>_PASSWORD when set (as a deployment's
 * nats config reads it), else generated once per node under .run/secrets/<code>/nats-<service>.
 */
function servicePassword(node: TopologyNode, service: BusService): string {
  return process.env[`NATS_${service.toUpperCase()}_PASSWORD`] ?? devNodeSecret(node.code, `nats-${service}`);
}

/** What a service of the node sets as NATS_URL: its own user on its node's server. */
export function natsServiceUrlOf(node: TopologyNode, service: BusService): string {
  return withNatsCredentials(natsUrlOf(node), { user: serviceUser(service), password: servicePassword(node, service) });
}

/** The federation's passwords: from FEDERATION_SECRET, or the federation's development secret under .run/secrets. */
const federationCredentials = () => new FederationCredentials(devFederationSecret());

/** The children allowed to connect to `code` as leafnodes, each with its password and subtree. */
export function leafChildrenOf(topology: TopologyNode[], code: string, credentials: FederationCredentials): LeafChild[] {
  return childrenOf(topology, code).map((child) => ({
    code: child.code,
    password: credentials.leaf(child.code).password,
    subtree: subtreeOf(topology, child.code),
  }));
}

/**
 * Writes the node's nats-server config: JetStream domain n<code>, a user per service of the node
 * (servicePermissions), a leafnode user per child, the link to its parent with the node's own
 * credentials (passwords derived from FEDERATION_SECRET, or the federation's development secret
 * under .run/secrets), leafnode TLS and the client port's TLS with the federation's certificates
 * (ensureFederationTls, before).
 */
export function writeNatsConfig(topology: TopologyNode[], node: TopologyNode): string {
  const dir = natsDirOf(node);
  mkdirSync(dir, { recursive: true });
  const parent = node.parent ? byCode(topology, node.parent) : undefined;
  const credentials = federationCredentials();
  const file = join(dir, 'nats.conf');
  writeFileSync(
    file,
    renderNatsConfig({
      node: nodeFromCode(node.code),
      port: portOf(node, NATS_CLIENT_OFFSET),
      leafPort: portOf(node, NATS_LEAF_OFFSET),
      httpPort: portOf(node, NATS_MONITOR_OFFSET),
      storeDir: join(dir, 'store'),
      domain: jetStreamDomain(node.code),
      host: '127.0.0.1',
      localPassword: credentials.localPassword(node.code),
      services: BUS_SERVICES.map((service) => ({ service, password: servicePassword(node, service) })),
      leafTls: leafTlsFilesOf(runDir(), node.code),
      clientTls: leafTlsFilesOf(runDir(), node.code),
      children: leafChildrenOf(topology, node.code, credentials),
      ...(parent
        ? { parentLeafUrl: `nats-leaf://127.0.0.1:${portOf(parent, NATS_LEAF_OFFSET)}`, parentCredentials: credentials.leaf(node.code) }
        : {}),
    }),
    { mode: 0o600 },
  );
  return file;
}

/**
 * The federation's CA and node certificates, made once per launch. Its nodes start at the same
 * time, so a CA near its end is replaced at once rather than rotated in three steps (allAtOnce);
 * a single node launched beside running ones (npm run node) that meets that day needs them restarted.
 */
let federationTls: Promise<unknown> | undefined;

export async function startNatsNode(topology: TopologyNode[], node: TopologyNode): Promise<Managed> {
  federationTls ??= ensureFederationTls(runDir(), topology.map((member) => member.code), new Date(), { allAtOnce: true });
  await federationTls;
  const config = writeNatsConfig(topology, node);
  const managed = startProcess(`nats-${node.code}`, natsServerBinary(), ['-c', config], {});
  await waitUntilHealthy(portOf(node, NATS_MONITOR_OFFSET), 15_000, managed);
  return managed;
}

/**
 * Waits for the server's /healthz (monitoring port) to answer ok: listening, JetStream up. Not a
 * bare TCP connect to the client port, which now speaks TLS: a probe that never completes the
 * handshake is logged as an error by the server.
 */
async function waitUntilHealthy(monitorPort: number, timeoutMs: number, managed: Managed): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (managed.child.exitCode !== null) throw new Error(`${managed.name} exited; see ${managed.logFile}`);
    const healthy = await fetch(`http://127.0.0.1:${monitorPort}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    if (Date.now() > deadline) throw new Error(`${managed.name} was not healthy on ${monitorPort} (/healthz); see ${managed.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
