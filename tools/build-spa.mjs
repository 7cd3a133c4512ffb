// Builds a single-page app (apps/<name>, Vite) into dist/spa/<name> for the node web front:
//   node tools/build-spa.mjs h5
// Skipped when its inputs have not changed since the last build (a content hash kept beside the
// output), so the builds that tests start while others run find it done. A real build type-checks
// (vue-tsc), builds into a folder of its own and then swaps it in, so a front starting meanwhile
// never reads a half-written or emptied folder, and two builds at once do not trip over each other.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) throw new Error('usage: node tools/build-spa.mjs <app>');
const app = join(root, 'apps', name);
const config = join(app, 'vite.config.mts');
const target = join(root, 'dist', 'spa', name);
const STAMP = '.inputs';

function filesBelow(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/**
 * Everything the output depends on: the app's sources and config, the contracts' pure checks
 * the pages import by path, the shared build plugin, the locked dependencies.
 */
function inputsHash() {
  const hash = createHash('sha256');
  const contracts = filesBelow(join(root, 'libs', 'contracts', 'src')).filter((file) => !file.endsWith('.spec.ts'));
  const inputs = [...filesBelow(app), ...contracts, join(root, 'tools', 'vite-precompress.mts'), join(root, 'package-lock.json')].sort();
  for (const file of inputs) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const hash = inputsHash();
const stamp = join(target, STAMP);
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
  process.stdout.write(`${name}: up to date (dist/spa/${name})\n`);
  process.exit(0);
}

const typecheck = spawnSync(join(root, 'node_modules', '.bin', 'vue-tsc'), ['--noEmit', '-p', join(app, 'tsconfig.json')], { stdio: 'inherit' });
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);

const fresh = join(root, 'dist', 'spa', `.${name}-${process.pid}`);
await build({ configFile: config, logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
writeFileSync(join(fresh, STAMP), hash);
const old = join(root, 'dist', 'spa', `.${name}-old-${process.pid}`);
if (existsSync(target)) renameSync(target, old);
renameSync(fresh, target);
rmSync(old, { recursive: true, force: true });
process.stdout.write(`${name}: built into dist/spa/${name}\n`);
