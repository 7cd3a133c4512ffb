import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Launch } from './node-launch';
import { LAUNCH_OPTIONS, launchSettings } from './node-settings';
import { assertBuilt } from './node-services';
import { bringUp, demoLoadedLine, describeNode, landingUrlOf } from './node-up';
import { logDir } from './processes';
import { byCode, TopologyNode } from './topology';

const USAGE = `usage:
  npm run node -- up --code <GB/T 2260 code> [--parent <code>] [--no-demo] [--topology federation|chain|district] [--first-slot N] [--db-prefix p_]
      one node of the topology (tools/topology.ts): its nats-server with the leafnode link to its
      parent's, its streams, its four services and its dashboard, demo data at a district; Ctrl-C stops it
  npm run node -- config
      writes the nats-server configs of every node under deploy/nats/ and docker-compose.yml
      (tools/deploy-config.ts, as npm run deploy:config)`;

/** `npm run node -- up --code 330802 --parent 3308`: the same code as npm start, for one node. */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'up') return up(rest);
  if (command === 'config') return config(rest);
  process.stderr.write(`${USAGE}\n`);
  process.exit(command === undefined || command === 'help' || command === '--help' ? 0 : 2);
}

async function up(args: string[]): Promise<void> {
  const launch = new Launch();
  try {
    const { values } = parseArgs({ args, options: { ...LAUNCH_OPTIONS, code: { type: 'string' }, parent: { type: 'string' }, 'no-demo': { type: 'boolean', default: false } } });
    const settings = launchSettings(values);
    if (!values.code) throw new Error(`--code is required\n${USAGE}`);
    const node = nodeOfTopology(settings.federation.topology, values.code, values.parent);
    assertBuilt();
    const started = Date.now();
    const [demo] = await bringUp(launch, settings.federation, [node], {
      demo: values['no-demo'] ? null : settings.demo,
      checkinsPerSecond: settings.checkinsPerSecond,
      wishEveryMs: settings.wishEveryMs,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`${describeNode(node, demo ? await landingUrlOf(settings.federation, demo) : undefined)}\n\n就绪 ready in ${Math.round((Date.now() - started) / 1000)} s. 按 Ctrl-C 停止 (Ctrl-C stops it). Logs: ${logDir()}/\n`);
    const loaded = await demoLoadedLine(demo ? [demo] : [], started);
    if (loaded && !launch.isStopping) process.stdout.write(`${loaded}\n`);
  } catch (error) {
    if (launch.isStopping) return;
    process.stderr.write(`node up failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await launch.shutdown(1);
  }
}

/** The node must be one the topology knows: its parent's nats-server has a leafnode user for it, nobody else does. */
function nodeOfTopology(topology: TopologyNode[], code: string, parent: string | undefined): TopologyNode {
  const known = topology.map((n) => `${n.code}${n.parent ? `←${n.parent}` : ''}`).join(', ');
  let node: TopologyNode;
  try {
    node = byCode(topology, code);
  } catch {
    throw new Error(`${code} is not in the topology (${known}); add it to tools/topology.ts`);
  }
  if (parent !== undefined && parent !== (node.parent ?? '')) throw new Error(`the parent of ${code} is ${node.parent ?? 'none (top node)'}, not ${parent}`);
  return node;
}

/** The same as `npm run deploy:config` (tools/deploy-config.ts), from the node CLI. */
function config(args: string[]): void {
  const result = spawnSync(process.execPath, [join(__dirname, 'deploy-config.js'), ...args], { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
