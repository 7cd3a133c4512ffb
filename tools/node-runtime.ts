import { Client } from 'pg';
import { nodeFromCode } from '@ws/contracts';
import { connectNats, ensureNodeStreams, evtMaxBytesFor, jetstreamManager } from '@ws/messaging';
import { natsAdminUrlOf, natsCaFileOfLaunch, natsStoreExists, natsUrlOf, removeNatsStore, startNatsNode } from './nats-node';
import { ensureNodeSecrets } from './node-secrets';
import { Managed, runDir } from './processes';
import { databaseName, FederationSettings } from './node-services';
import { checkConnectionBudget } from './postgres-budget';
import { childrenOf, DATA_SERVICES, TopologyNode } from './topology';

export interface NodeNats {
  managed: Managed;
  /**
   * The node's databases and its stream belong together: read-model checkpoints are stream
   * sequences and the outbox has already emptied into the old stream. So when the node's nats
   * store is new (first start, or the run directory deleted), what its databases hold from an earlier run must go.
   */
  storeIsNew: boolean;
}

export async function startNodeNats(settings: FederationSettings, node: TopologyNode, log: (line: string) => void = () => undefined): Promise<NodeNats> {
  // A node whose secrets are made now cannot read what its databases hold (sealed with other
  // keys, or with the development keys an earlier version shared): it starts anew, stream and all.
  const newSecrets = ensureNodeSecrets(node);
  if (newSecrets.length > 0 && natsStoreExists(node)) {
    log(`  ${node.code}: new secrets (${newSecrets.join(', ')}) under ${runDir()}/secrets/${node.code}: its stream and databases start empty`);
    removeNatsStore(node);
  }
  const storeIsNew = !natsStoreExists(node);
  return { managed: await startNatsNode(settings.topology, node), storeIsNew };
}

/**
 * Creates the node's missing databases, one at a time (services creating theirs all at once
 * would each hold a connection while Postgres works through CREATE DATABASE, a burst that runs a
 * default Postgres out of connections), and empties the existing ones if asked. Emptying the
 * public schema is what a drop and re-create would leave (the services keep everything there),
 * without the checkpoint Postgres forces for every DROP DATABASE — seconds each on a busy disk.
 */
export async function prepareDatabases(settings: FederationSettings, node: TopologyNode, empty: boolean): Promise<void> {
  const admin = new Client({ connectionString: settings.pgUrl });
  await admin.connect();
  try {
    for (const service of DATA_SERVICES) {
      const name = databaseName(settings, node, service);
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (!rowCount) await admin.query(`create database "${name}"`);
      else if (empty) await emptyDatabase(settings, admin, name);
    }
  } finally {
    await admin.end();
  }
}

async function emptyDatabase(settings: FederationSettings, admin: Client, name: string): Promise<void> {
  // A process of an earlier run that is somehow still connected would hold locks on its tables.
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
  const url = new URL(settings.pgUrl);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query('drop schema if exists public cascade; create schema public');
  } finally {
    await client.end();
  }
}

/**
 * Refuses up front a launch Postgres cannot take (max_connections less the reserved slots):
 * otherwise a service dies mid-start with "too many clients" and takes the launch with it. One
 * that fits only once others let go of their connections is a warning.
 */
export async function checkPostgresCapacity(settings: FederationSettings, nodes: TopologyNode[], log: (line: string) => void): Promise<void> {
  const client = new Client({ connectionString: settings.pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ max: number; reserved: number; used: number }>(
      `select current_setting('max_connections')::int as max,
              current_setting('superuser_reserved_connections')::int + coalesce(current_setting('reserved_connections', true)::int, 0) as reserved,
              (select count(*)::int from pg_stat_activity where backend_type = 'client backend') - 1 as used`,
    );
    const verdict = checkConnectionBudget({ nodes: nodes.length, servicesPerNode: DATA_SERVICES.length, poolPerService: settings.poolPerService }, rows[0]!);
    if (verdict.refusal) throw new Error(verdict.refusal);
    if (verdict.warning) log(verdict.warning);
  } finally {
    await client.end();
  }
}

const STREAM_ATTEMPTS = 60;
const STREAM_RETRY_MS = 250;

/**
 * Creates or updates the node's streams in place (never recreates them: sources track
 * sequences): EVT sourcing its children's, DIR sourcing its parent's. The server checks a
 * source across the leafnode link, which takes a moment to come up after a start: retry until it does.
 */
export async function ensureStreams(settings: FederationSettings, node: TopologyNode): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureStreamsOnce(settings, node);
    } catch (error) {
      if (attempt >= STREAM_ATTEMPTS) throw new Error(`streams of ${node.code}: ${error instanceof Error ? error.message : String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, STREAM_RETRY_MS));
    }
  }
}

async function ensureStreamsOnce(settings: FederationSettings, node: TopologyNode): Promise<void> {
  const nc = await connectNats(natsAdminUrlOf(node), `launcher-${node.code}`, { caFile: natsCaFileOfLaunch() });
  try {
    const jsm = await jetstreamManager(nc);
    await ensureNodeStreams(jsm, nodeFromCode(node.code), {
      children: childrenOf(settings.topology, node.code).map((child) => ({ code: child.code })),
      ...(node.parent ? { parent: { code: node.parent } } : {}),
      evtMaxBytes: evtMaxBytesFor(nodeFromCode(node.code)),
    });
  } finally {
    await nc.close();
  }
}
