import type { NodeRef } from '@ws/contracts';

export interface NatsConfigInput {
  node: NodeRef;
  /** Client port. */
  port: number;
  /** Port where child nodes' servers connect as leafnodes. */
  leafPort: number;
  storeDir: string;
  /** The parent node's leafnode URL (nats-leaf://host:port); none at a province. */
  parentLeafUrl?: string;
  /** JetStream domain, conventionally `n<code>`: a parent sources this node's EVT via $JS.<domain>.API. */
  domain: string;
  /** Interface to listen on (default 0.0.0.0). */
  host?: string;
  /** Monitoring port (/varz, /jsz); none if omitted. */
  httpPort?: number;
}

/** Subjects that never cross a leafnode link as core messages. */
export const LEAF_DENIED_SUBJECTS = ['evt.>', 'dir.>'];

/**
 * The nats-server configuration of one node. The leafnode link to the parent denies core
 * `evt.>` and `dir.>` both ways: events go up and directives down only through stream
 * sourcing. Otherwise the parent's subtree-wide EVT subjects would also capture the child's
 * core publishes and store every event twice.
 */
export function renderNatsConfig(input: NatsConfigInput): string {
  const host = input.host ?? '0.0.0.0';
  const denied = `[${LEAF_DENIED_SUBJECTS.map((s) => JSON.stringify(s)).join(', ')}]`;
  const lines = [
    `# ${input.node.name} (${input.node.code}), ${input.node.level} node`,
    `server_name: ${JSON.stringify(input.domain)}`,
    `host: ${JSON.stringify(host)}`,
    `port: ${input.port}`,
    ...(input.httpPort !== undefined ? [`http_port: ${input.httpPort}`] : []),
    '',
    'jetstream {',
    `  store_dir: ${JSON.stringify(input.storeDir)}`,
    `  domain: ${JSON.stringify(input.domain)}`,
    '}',
    '',
    'leafnodes {',
    `  host: ${JSON.stringify(host)}`,
    `  port: ${input.leafPort}`,
  ];
  if (input.parentLeafUrl) {
    lines.push(
      '  remotes: [',
      '    {',
      `      url: ${JSON.stringify(input.parentLeafUrl)}`,
      '      # events and directives cross only by stream sourcing, never as core messages',
      `      deny_imports: ${denied}`,
      `      deny_exports: ${denied}`,
      '    }',
      '  ]',
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}
