import { statSync } from 'node:fs';
import { nodeFromCode } from '@ws/contracts';
import { officerTokenMinter, publicSigningKey, type OfficerSigningKey, type OfficerTokenMinter } from '@ws/kernel';
import { announceIdentityDirective, connectNats } from '@ws/messaging';
import { devSigningKeyFile, signingKeyIn } from './dev-secrets';
import { natsAdminUrlOf, natsCaFileOfLaunch } from './nats-node';
import { nodePublicOrigin } from './node-services';
import type { TopologyNode } from './topology';

/** How long an announced development key is believed (re-announced at every start). */
const ANNOUNCED_FOR_MS = 366 * 24 * 3600 * 1000;

/** The node's issuer, as its identity service names itself: `<node public origin>/oidc`. */
export const nodeIssuer = (node: TopologyNode) => `${nodePublicOrigin(node)}/oidc`;

const minters = new Map<string, OfficerTokenMinter>();

/** Officers' tokens of the node, signed with its development key (the demo loaders act through them). */
export function nodeOfficerTokens(node: TopologyNode): OfficerTokenMinter {
  let minter = minters.get(node.code);
  if (!minter) {
    minter = officerTokenMinter(signingKeyIn(devSigningKeyFile(node.code), nodeIssuer(node)));
    minters.set(node.code, minter);
  }
  return minter;
}

/**
 * Announces the public half of a node's signing key on its DIR stream through the node's
 * nats-server (its streams exist by then), so its services and the nodes below it believe the
 * node's tokens — what the node's identity service does with its own keys.
 */
export async function announceSigningKey(natsUrl: string, caFile: string | undefined, code: string, key: OfficerSigningKey, notBefore: Date): Promise<void> {
  const nc = await connectNats(natsUrl, `launcher-keys-${code}`, { caFile });
  try {
    await announceIdentityDirective(
      nc,
      nodeFromCode(code),
      { type: 'SigningKeysAnnounced', data: { node: code, issuer: key.issuer, keys: [publicSigningKey(key, notBefore, new Date(Date.now() + ANNOUNCED_FOR_MS))] } },
      { id: `dev-${key.kid}`, actor: 'launcher' },
    );
  } finally {
    await nc.close();
  }
}

/** The development key of a node the launcher runs, announced before its services read their trust stores. */
export function announceNodeSigningKey(node: TopologyNode): Promise<void> {
  const file = devSigningKeyFile(node.code);
  return announceSigningKey(natsAdminUrlOf(node), natsCaFileOfLaunch(), node.code, signingKeyIn(file, nodeIssuer(node)), statSync(file).mtime);
}
