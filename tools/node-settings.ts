import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_SCALE, DemoScale } from './node-demo';
import { FederationSettings } from './node-services';
import { onSlots, TOPOLOGIES, TopologyName, TopologyNode } from './topology';

/**
 * The launcher options shared by `npm start` and `npm run node`:
 *   --topology federation|chain   the six-node federation (default) or one node per level
 *   --first-slot N                port blocks from 4100 + 100·N (a second federation beside npm start's)
 *   --db-prefix p_                database names p_n<code>_<service>
 * and the environment: PG_URL, JWT_SECRET, DEMO_CHECKINS_PER_SECOND, DEMO_MEMBERS_SCALE.
 */
export const LAUNCH_OPTIONS = {
  topology: { type: 'string', default: 'federation' },
  'first-slot': { type: 'string', default: '0' },
  'db-prefix': { type: 'string', default: '' },
} as const;

export interface LaunchSettings {
  federation: FederationSettings;
  demo: DemoScale;
  checkinsPerSecond: number;
}

export function launchSettings(values: { topology: string; 'first-slot': string; 'db-prefix': string }, env: NodeJS.ProcessEnv = process.env): LaunchSettings {
  if (!(values.topology in TOPOLOGIES)) throw new Error(`--topology must be one of ${Object.keys(TOPOLOGIES).join(', ')}`);
  if (!/^[a-z0-9_]*$/.test(values['db-prefix'])) throw new Error('--db-prefix: lower-case letters, digits and _ only');
  const topology: TopologyNode[] = onSlots(TOPOLOGIES[values.topology as TopologyName], Number(values['first-slot']));
  return {
    federation: {
      topology,
      pgUrl: env['PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      jwtSecret: env['JWT_SECRET'] ?? 'waystation-dev-secret-change-me',
      databasePrefix: values['db-prefix'],
    },
    demo: { ...DEFAULT_DEMO_SCALE, ...(env['DEMO_MEMBERS_SCALE'] ? { members: Number(env['DEMO_MEMBERS_SCALE']) } : {}) },
    checkinsPerSecond: Number(env['DEMO_CHECKINS_PER_SECOND'] ?? 2),
  };
}

export function parseLaunchArgs(args: string[]) {
  return parseArgs({ args, options: LAUNCH_OPTIONS, allowPositionals: true });
}
