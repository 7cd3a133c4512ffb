import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { officerTokenMinter } from '@ws/kernel';
import { natsCaFileOf, operatorCredentials, withNatsCredentials } from '@ws/messaging';
import { loadStationsDemo } from './demo-data';
import { signingKeyFileAt, signingKeyIn } from './dev-secrets';
import { announceSigningKey } from './node-keys';

/**
 * `node dist/tools/demo-cli.js --api http://stations:3000 --node 330802 --nats nats://nats-330802:4222
 * --issuer <node origin>/oidc`: demo stations for one district (docker compose's loader). It signs
 * as the district's officer with the key in IDENTITY_SIGNING_KEY_FILE (made there if missing, as
 * the identity service would) and announces that key on the node's DIR stream first, as the
 * node's `local` user (its password in NATS_LOCAL_PASSWORD, which the node's nats-server reads too),
 * over TLS checked with NATS_CA_FILE.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { api: { type: 'string' }, node: { type: 'string' }, nats: { type: 'string' }, issuer: { type: 'string' }, scale: { type: 'string', default: '1' } } });
  const keyFile = process.env['IDENTITY_SIGNING_KEY_FILE'];
  if (!values.api || !values.node || !values.nats || !values.issuer || !keyFile) {
    throw new Error('usage: IDENTITY_SIGNING_KEY_FILE=<file> demo-cli --api <stations URL> --node <district code> --nats <node NATS URL> --issuer <origin>/oidc [--scale 1]');
  }
  const file = signingKeyFileAt(keyFile, values.node);
  const key = signingKeyIn(file, values.issuer);
  const natsUrl = withNatsCredentials(values.nats, operatorCredentials(values.node));
  await announceSigningKey(natsUrl, natsCaFileOf(process.env), values.node, key, statSync(file).mtime);
  const demo = await loadStationsDemo(values.api, values.node, officerTokenMinter(key), Number(values.scale));
  const { visits } = await demo.loadHistory();
  process.stdout.write(`${values.node}: ${demo.stations.length} stations, ${visits} visits\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
