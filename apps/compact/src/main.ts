import { compactServicesOf, startCompactNode } from './compact-node';

/** A compact node: every service of the node in this one process (COMPACT_SERVICES names them; see compact-node.ts). */
try {
  startCompactNode(compactServicesOf(process.env));
} catch (error) {
  process.stderr.write(`compact node failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
