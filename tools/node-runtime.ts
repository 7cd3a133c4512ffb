import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { nodeFromCode } from '@ws/contracts';
import { ensureNodeStreams } from '@ws/messaging';
import { natsStoreExists, natsUrlOf, startNatsNode } from './nats-node';
import { Managed } from './processes';
import { databaseName, DATA_SERVICES, FederationSettings } from './node-services';
import { childrenOf, TopologyNode } from './topology';

/**
 * A node's databases and its stream belong together: read-model checkpoints are stream
 * sequences and the outbox has already emptied into the old stream. So when the node's nats
 * store is new (first start, or .run/ deleted), its databases from an earlier run are dropped,
 * and the services create them afresh.
 */
export async function startNodeNats(settings: FederationSettings, node: TopologyNode): Promise<Managed> {
  if (!natsStoreExists(node)) await forgetDatabases(settings, node);
  return startNatsNode(settings.topology, node);
}

async function forgetDatabases(settings: FederationSettings, node: TopologyNode): Promise<void> {
  const client = new Client({ connectionString: settings.pgUrl });
  await client.connect();
  try {
    for (const service of DATA_SERVICES) await client.query(`drop database if exists "${databaseName(settings, node, service)}" with (force)`);
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
  const nc = await connect({ servers: natsUrlOf(node), name: `launcher-${node.code}` });
  try {
    const jsm = await jetstreamManager(nc);
    await ensureNodeStreams(jsm, nodeFromCode(node.code), {
      children: childrenOf(settings.topology, node.code).map((child) => ({ code: child.code })),
      ...(node.parent ? { parent: { code: node.parent } } : {}),
    });
  } finally {
    await nc.close();
  }
}
