import { parseArgs } from 'node:util';
import { loadStationsDemo } from './demo-data';

/** `node dist/tools/demo-cli.js --api http://stations:3000 --node 330802`: demo stations for one district (docker compose's loader). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { api: { type: 'string' }, node: { type: 'string' }, scale: { type: 'string', default: '1' } } });
  if (!values.api || !values.node) throw new Error('usage: demo-cli --api <stations URL> --node <district code> [--scale 1]');
  const secret = process.env['JWT_SECRET'] ?? 'waystation-dev-secret-change-me';
  const demo = await loadStationsDemo(values.api, values.node, secret, Number(values.scale));
  process.stdout.write(`${values.node}: ${demo.stations.length} stations, ${demo.visits} visits\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
