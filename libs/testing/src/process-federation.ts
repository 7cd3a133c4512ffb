import type { LinkProxy } from './link-proxy';
import { type FederationNodeSpec, type NatsFederation, type NatsFederationOptions, startNatsFederation } from './nats-federation';
import type { NatsProcess } from './nats-process';
import { ProcessNode, type ProcessNodeOptions } from './process-node';

export { ProcessNode, type ProcessExit, type ProcessNodeOptions } from './process-node';

export interface ProcessFederationOptions<Service extends string> extends NatsFederationOptions {
  /** Per node, as ProcessNodeOptions (extra environment per service, fault proxies, logs). */
  node?: Omit<ProcessNodeOptions<Service>, 'code' | 'natsUrl' | 'streams'>;
}

/**
 * A federation as deployed, in processes: every node of `topology` with its own nats-server
 * (its JetStream domain, an authenticated leafnode link to its parent; @ws/testing's
 * startNatsFederation) and a ProcessNode on it, whose services the test starts, stops and kills.
 * Real division codes are safe: every node has its own servers, and its databases are named per
 * run. close() removes the services and their databases, then the nats-servers.
 */
export class ProcessFederation<Service extends string = string> {
  private readonly nodes = new Map<string, ProcessNode<Service>>();

  private constructor(private readonly servers: NatsFederation, options: ProcessFederationOptions<Service>) {
    for (const [code, server] of servers.nats) this.nodes.set(code, new ProcessNode<Service>({ ...options.node, code, natsUrl: server.url, streams: { evt: 'EVT', dir: 'DIR' } }));
  }

  /** Starts every node's nats-server and streams (no services yet); a failed start removes what it started. */
  static async start<Service extends string = string>(topology: FederationNodeSpec[], options: ProcessFederationOptions<Service> = {}): Promise<ProcessFederation<Service>> {
    return new ProcessFederation<Service>(await startNatsFederation(topology, options), options);
  }

  node(code: string): ProcessNode<Service> {
    const node = this.nodes.get(code);
    if (!node) throw new Error(`${code} is not a node of this federation`);
    return node;
  }

  /** Every node's nats-server, by code (a test kills and restarts them). */
  get nats(): Map<string, NatsProcess> {
    return this.servers.nats;
  }

  /** With cuttableLinks: each child's link to its parent, by the child's code. */
  get links(): Map<string, LinkProxy> {
    return this.servers.links;
  }

  /** Messages in the node's EVT stream. */
  evtMessages(code: string): Promise<number> {
    return this.servers.evtMessages(code);
  }

  /** Every node's services and databases, then the nats-servers; every part is tried, the first failure thrown. */
  async close(): Promise<void> {
    const outcomes = await Promise.allSettled([...this.nodes.values()].map((node) => node.close()));
    await this.servers.close();
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
