import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_SCALE, DemoScale } from './node-demo';
import { DEFAULT_POOL_PER_SERVICE, FederationSettings, NODE_PROFILES, NodeProfile } from './node-services';
import { onSlots, TOPOLOGIES, TopologyName, TopologyNode } from './topology';

/**
 * The launcher options shared by `npm start` and `npm run node`:
 *   --topology federation|chain|district   the six-node federation (default), one node per level, or 柯城 alone
 *   --first-slot N                port blocks from 4100 + 100·N (a second federation beside npm start's)
 *   --db-prefix p_                database names p_n<code>_<service>
 *   --profile compact|separate    each node's services in one process (default) or a process each (WS_NODE_PROFILE)
 * and the environment: PG_URL, PG_POOL_MAX (per service), DEMO_CHECKINS_PER_SECOND,
 * DEMO_WISH_EVERY_MS (0: no new wishes), DEMO_VISITS_SCALE, DEMO_MEMBERS_SCALE, DEMO_WISHES_SCALE,
 * DEMO_VOLUNTEERS_SCALE, and WS_RUN_DIR (nats stores and logs; default .run in the working
 * directory, see tools/processes.ts).
 */
export const LAUNCH_OPTIONS = {
  topology: { type: 'string', default: 'federation' },
  'first-slot': { type: 'string', default: '0' },
  'db-prefix': { type: 'string', default: '' },
  profile: { type: 'string' },
} as const;

export interface LaunchSettings {
  federation: FederationSettings;
  demo: DemoScale;
  checkinsPerSecond: number;
  wishEveryMs: number;
}

export function launchSettings(values: { topology: string; 'first-slot': string; 'db-prefix': string; profile?: string }, env: NodeJS.ProcessEnv = process.env): LaunchSettings {
  if (!(values.topology in TOPOLOGIES)) throw new Error(`--topology must be one of ${Object.keys(TOPOLOGIES).join(', ')}`);
  if (!/^[a-z0-9_]*$/.test(values['db-prefix'])) throw new Error('--db-prefix: lower-case letters, digits and _ only');
  const topology: TopologyNode[] = onSlots(TOPOLOGIES[values.topology as TopologyName], Number(values['first-slot']));
  return {
    federation: {
      topology,
      pgUrl: env['PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      databasePrefix: values['db-prefix'],
      poolPerService: Number(env['PG_POOL_MAX'] ?? DEFAULT_POOL_PER_SERVICE),
      profile: profileOf(values.profile ?? env['WS_NODE_PROFILE'] ?? 'compact'),
    },
    demo: {
      stations: DEFAULT_DEMO_SCALE.stations,
      visits: scaleFrom(env, 'DEMO_VISITS_SCALE', DEFAULT_DEMO_SCALE.visits),
      members: scaleFrom(env, 'DEMO_MEMBERS_SCALE', DEFAULT_DEMO_SCALE.members),
      wishes: scaleFrom(env, 'DEMO_WISHES_SCALE', DEFAULT_DEMO_SCALE.wishes),
      volunteers: scaleFrom(env, 'DEMO_VOLUNTEERS_SCALE', DEFAULT_DEMO_SCALE.volunteers),
    },
    checkinsPerSecond: Number(env['DEMO_CHECKINS_PER_SECOND'] ?? 2),
    wishEveryMs: Number(env['DEMO_WISH_EVERY_MS'] ?? 5000),
  };
}

function profileOf(value: string): NodeProfile {
  if (!(NODE_PROFILES as readonly string[]).includes(value)) throw new Error(`--profile (WS_NODE_PROFILE) must be one of ${NODE_PROFILES.join(', ')}`);
  return value as NodeProfile;
}

function scaleFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name] === undefined ? fallback : Number(env[name]);
  if (!Number.isFinite(value) || value < 0 || value > 10) throw new Error(`${name} must be a number from 0 to 10`);
  return value;
}

export function parseLaunchArgs(args: string[]) {
  return parseArgs({ args, options: LAUNCH_OPTIONS, allowPositionals: true });
}
