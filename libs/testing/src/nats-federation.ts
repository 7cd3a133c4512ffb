import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { divisionName, nodeRef, type NodeRef } from '@ws/contracts';
import { ensureNodeStreams, startNatsServer, type NatsProcess } from '@ws/messaging';

/** A node of a test federation, below its parent. */
export interface FederationNodeSpec {
  code: string;
  parent?: string;
}

/** A real division code keeps its name; a synthetic one (testNodeCode) is its own name. */
export const nodeOf = (code: string): NodeRef => nodeRef(code, divisionName(code) ?? code);

export interface NatsFederation {
  nats: Map<string, NatsProcess>;
  /** Messages in the node's EVT stream. */
  evtMessages(code: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * One nats-server per node (parents first: its JetStream domain, an authenticated leafnode link
 * to its parent), then the nodes' streams (children first: EVT sourcing the children's, DIR the
 * parent's). A failed start removes the servers it started, store directories included.
 */
export async function startNatsFederation(topology: FederationNodeSpec[]): Promise<NatsFederation> {
  const nats = new Map<string, NatsProcess>();
  const close = async () => {
    for (const server of [...nats.values()].reverse()) await server.remove();
  };
  try {
    for (const node of topology) {
      const parent = node.parent ? nats.get(node.parent) : undefined;
      nats.set(node.code, await startNatsServer({ node: nodeOf(node.code), ...(parent ? { parentLeafUrl: parent.leafUrl } : {}) }));
    }
    for (const node of [...topology].reverse()) {
      const nc = await connect({ servers: nats.get(node.code)!.url });
      try {
        await ensureNodeStreams(await jetstreamManager(nc), nodeOf(node.code), {
          children: topology.filter((child) => child.parent === node.code).map((child) => ({ code: child.code })),
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
    async evtMessages(code) {
      const nc = await connect({ servers: nats.get(code)!.url, reconnect: false });
      try {
        return (await (await jetstreamManager(nc)).streams.info('EVT')).state.messages;
      } finally {
        await nc.close();
      }
    },
    close,
  };
}
