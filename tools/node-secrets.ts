import { devNodeSecret, hasDevNodeSecret } from './dev-secrets';
import type { DataService, TopologyNode } from './topology';

/**
 * Every secret a service of a node reads (as its variable), and the file under
 * .run/secrets/<code>/ where npm start keeps the node's own when the environment does not set it:
 * made at the node's first start, the same at every restart, different per node. Production sets
 * each through the environment and refuses a missing or development one (libs/kernel config).
 * The officers' signing key and the VAPID keys are kept beside them (dev-secrets.ts).
 */
export const NODE_SECRETS: Partial<Record<DataService, ReadonlyArray<readonly [variable: string, file: string]>>> = {
  stations: [
    ['STATION_LINK_SECRET', 'station-link'],
    ['LEGAL_AID_VAULT_KEY', 'legal-aid-vault'],
    // The activities' photos, signed with a key of their own.
    ['PHOTO_URL_SECRET', 'stations-photo-url'],
  ],
  membership: [
    ['PII_MASTER_KEY', 'pii-master'],
    ['PII_HMAC_KEY', 'pii-hmac'],
  ],
  wishes: [
    ['WISHES_VAULT_KEY', 'wishes-vault'],
    ['WISHES_AUTHOR_SECRET', 'wishes-author'],
    ['PHOTO_URL_SECRET', 'photo-url'],
  ],
  dispatch: [
    ['VAULT_KEY', 'dispatch-vault'],
    ['VOLUNTEER_TOKEN_SECRET', 'volunteer-token'],
    // The volunteers' proof photos are signed with their own key, not the wishes' one.
    ['PHOTO_URL_SECRET', 'dispatch-photo-url'],
  ],
  identity: [
    ['IDENTITY_COOKIE_SECRET', 'identity-cookie'],
    ['IDENTITY_VAULT_KEY', 'identity-vault'],
  ],
  jobs: [
    ['JOBS_VAULT_KEY', 'jobs-vault'],
    ['JOBS_SESSION_SECRET', 'jobs-session'],
  ],
  notify: [['NOTIFY_VAULT_KEY', 'notify-vault']],
};

/** The service's secrets for the node: the launcher's environment's when set there, else the node's own under .run/secrets. */
export function nodeSecretsEnv(node: TopologyNode, service: DataService, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries((NODE_SECRETS[service] ?? []).map(([variable, file]) => [variable, env[variable] ?? devNodeSecret(node.code, file)]));
}

/**
 * The node's secrets (of every service) npm start has not made yet and the environment does not
 * set. Data a node holds were sealed with the keys it had: a node with keys still to make has
 * nothing it could read (its first start, or a run directory of a version that used the shared
 * development keys).
 */
export function missingNodeSecrets(node: TopologyNode, env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.values(NODE_SECRETS)
    .flat()
    .filter(([variable, file]) => env[variable] === undefined && !hasDevNodeSecret(node.code, file))
    .map(([variable]) => variable);
}

/** Makes the node's missing secrets now (before its data are made with them); the variables that were missing. */
export function ensureNodeSecrets(node: TopologyNode, env: NodeJS.ProcessEnv = process.env): string[] {
  const missing = missingNodeSecrets(node, env);
  for (const service of Object.keys(NODE_SECRETS) as DataService[]) nodeSecretsEnv(node, service, env);
  return missing;
}
