import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { divisionName, nodeRef, type NodeRef } from '@ws/contracts';
import { ensureNodeStreams, type LeafChild, natsConnectOptions } from '@ws/messaging';
import { type NatsProcess, startNatsServer, testFederationCredentials } from './nats-process';
import { LinkProxy } from './link-proxy';

/** A node of a test federation, below its parent. */
export interface FederationNodeSpec {
  code: string;
  parent?: string;
}

export interface NatsFederationOptions {
  /** Each child dials its parent through a LinkProxy (`links`), so a test can cut the link between running servers. */
  cuttableLinks?: boolean;
  /** Servers started at once within one level of the tree (default 8). */
  concurrency?: number;
  /** How long a server may take to start or restart (default 15 s; a restart after a long outage replays its store first). */
  startTimeoutMs?: number;
}

/** A real division code keeps its name; a synthetic one (testNodeCode) is its own name. */
export const nodeOf = (code: string): NodeRef => nodeRef(code, divisionName(code) ?? code);

export interface NatsFederation {
  nats: Map<string, NatsProcess>;
  /** With cuttableLinks: each child's link to its parent, by the child's code. */
  links: Map<string, LinkProxy>;
  /** Messages in the node's EVT stream. */
  evtMessages(code: string): Promise<number>;
  close(): Promise<void>;
}

const childrenIn = (topology: FederationNodeSpec[], code: string) => topology.filter((node) => node.parent === code);
const subtreeIn = (topology: FederationNodeSpec[], code: string): string[] => [code, ...childrenIn(topology, code).flatMap((child) => subtreeIn(topology, child.code))];

/**
 * One nats-server per node, configured as the launcher configures them: the whole tree known up
 * front, so each server's config names its children (leafnode users, their subtrees) from the
 * start, and each child logs in to its parent with its own credentials. Parents first, a level
 * at a time; then every link is waited for, then the nodes' streams (children first: EVT sourcing
 * the children's, DIR the parent's). A failed start removes the servers it started, store
 * directories included.
 */
export async function startNatsFederation(topology: FederationNodeSpec[], options: NatsFederationOptions = {}): Promise<NatsFederation> {
  const nats = new Map<string, NatsProcess>();
  const links = new Map<string, LinkProxy>();
  const close = async () => {
    for (const link of links.values()) await link.close();
    for (const server of [...nats.values()].reverse()) await server.remove();
  };
  const depthOf = (node: FederationNodeSpec): number => (node.parent ? 1 + depthOf(topology.find((n) => n.code === node.parent)!) : 0);
  const levels: FederationNodeSpec[][] = [];
  for (const node of topology) (levels[depthOf(node)] ??= []).push(node);
  const startOne = async (node: FederationNodeSpec) => {
    const children: LeafChild[] = childrenIn(topology, node.code).map((child) => ({
      code: child.code,
      password: testFederationCredentials.leaf(child.code).password,
      subtree: subtreeIn(topology, child.code),
    }));
    const parent = node.parent ? nats.get(node.parent)! : undefined;
    let parentLeafUrl = parent?.leafUrl;
    if (parent && options.cuttableLinks) {
      const link = await LinkProxy.open(Number(new URL(parent.leafUrl).port));
      links.set(node.code, link);
      parentLeafUrl = link.leafUrl;
    }
    const server = await startNatsServer({
      node: nodeOf(node.code),
      children,
      ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
      ...(parentLeafUrl ? { parentLeafUrl, parentCredentials: testFederationCredentials.leaf(node.code) } : {}),
    });
    nats.set(node.code, server);
  };
  try {
    for (const level of levels) {
      const concurrency = options.concurrency ?? 8;
      for (let i = 0; i < level.length; i += concurrency) {
        const outcomes = await Promise.allSettled(level.slice(i, i + concurrency).map(startOne));
        const failed = outcomes.find((outcome) => outcome.status === 'rejected');
        if (failed) throw failed.reason;
      }
    }
    for (const node of topology) await nats.get(node.code)!.waitForLinks(childrenIn(topology, node.code).length + (node.parent ? 1 : 0));
    for (const node of [...topology].reverse()) {
      const nc = await connect(natsConnectOptions(nats.get(node.code)!.url));
      try {
        await ensureNodeStreams(await jetstreamManager(nc), nodeOf(node.code), {
          children: childrenIn(topology, node.code).map((child) => ({ code: child.code })),
          ...(node.parent ? { parent: { code: node.parent } } : {}),
        });
      } finally {
        await nc.close();
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    nats,
    links,
    async evtMessages(code) {
      const nc = await connect({ ...natsConnectOptions(nats.get(code)!.url), reconnect: false });
      try {
        return (await (await jetstreamManager(nc)).streams.info('EVT')).state.messages;
      } finally {
        await nc.close();
      }
    },
    close,
  };
}
