import { nodeFromCode } from '@ws/contracts';
import { connectNats, ensureNodeStreams, evtMaxBytesFor, jetstreamManager, natsCaFileOf, operatorCredentials, withNatsCredentials } from '@ws/messaging';
import { childrenOf, FEDERATION, TopologyNode } from './topology';

const ATTEMPTS = 120;
const RETRY_MS = 500;

/**
 * The stream bootstrap of docker compose (a one-shot before the services start): at every node
 * of the topology, EVT sourcing its children's EVT and DIR sourcing its parent's DIR, created or
 * updated in place (never recreated: sources track sequences). Children first, so a parent's
 * source finds its origin; every node is retried while the leafnode links come up.
 *   NODE_NATS_URLS=33=nats://nats-33:4222,3308=nats://nats-3308:4222,… NATS_CA_FILE=… node dist/tools/deploy-streams.js
 * Every node's nats-server is checked against the federation's CA in NATS_CA_FILE (TLS).
 */
async function main(): Promise<void> {
  const urls = parseNodeUrls(process.env['NODE_NATS_URLS'] ?? '');
  const caFile = natsCaFileOf(process.env);
  const leavesFirst = [...FEDERATION].sort((a, b) => b.code.length - a.code.length);
  for (const node of leavesFirst) {
    const url = urls.get(node.code);
    if (!url) throw new Error(`NODE_NATS_URLS has no URL for node ${node.code}`);
    await withRetries(node, () => ensureStreams(node, url, caFile));
    process.stdout.write(`streams of ${node.code} ready\n`);
  }
}

function parseNodeUrls(text: string): Map<string, string> {
  return new Map(
    text
      .split(',')
      .map((pair) => pair.trim())
      .filter((pair) => pair.length > 0)
      .map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) throw new Error(`NODE_NATS_URLS: expected code=url, got "${pair}"`);
        return [pair.slice(0, at), pair.slice(at + 1)] as const;
      }),
  );
}

async function ensureStreams(node: TopologyNode, url: string, caFile: string | undefined): Promise<void> {
  // The node's operator user, with the password its nats-server reads from NATS_LOCAL_PASSWORD.
  const local = operatorCredentials(node.code);
  const nc = await connectNats(withNatsCredentials(url, local), `deploy-streams-${node.code}`, { caFile });
  try {
    await ensureNodeStreams(await jetstreamManager(nc), nodeFromCode(node.code), {
      children: childrenOf(FEDERATION, node.code).map((child) => ({ code: child.code })),
      ...(node.parent ? { parent: { code: node.parent } } : {}),
      evtMaxBytes: evtMaxBytesFor(nodeFromCode(node.code)),
    });
  } finally {
    await nc.close();
  }
}

async function withRetries(node: TopologyNode, attempt: () => Promise<void>): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= ATTEMPTS) throw new Error(`streams of ${node.code}: ${error instanceof Error ? error.message : String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
