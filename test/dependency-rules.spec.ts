import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// The import rules of .dependency-cruiser.cjs, run by the real depcruise over a small repository
// laid out like this one: each rule must fail on its violation and let the allowed imports pass.

const repo = join(__dirname, '..');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruise(root: string): Promise<Violation[]> {
  const bin = join(repo, 'node_modules/.bin/depcruise');
  const args = ['apps', 'libs', 'tools', '--config', join(repo, '.dependency-cruiser.cjs'), '--output-type', 'json'];
  return new Promise((resolve, reject) => {
    // depcruise exits non-zero when it finds violations: the JSON on stdout is the answer either way.
    execFile(bin, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        resolve((JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations);
      } catch {
        reject(new Error(`depcruise gave no report: ${error?.message ?? ''} ${stderr}`));
      }
    });
  });
}

describe('import rules (dependency-cruiser)', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dependency-rules-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
      'apps/alpha/src/main.ts': [
        "import { beta } from '../../beta/src/beta';",
        "import { connect } from '@nats-io/transport-node';",
        "import { topology } from '../../../tools/topology';",
        'export const all = [beta, connect, topology];',
      ].join('\n'),
      'apps/alpha/src/alpha.spec.ts': "import { topology } from '../../../tools/topology';\nexport const used = topology;",
      'apps/beta/src/beta.ts': "export const beta = 'beta';",
      'tools/topology.ts': "export const topology = 'topology';",
      'libs/shared/src/index.ts': "import { beta } from '../../../apps/beta/src/beta';\nexport const shared = beta;",
      'libs/messaging/src/connection.ts': "import { connect } from '@nats-io/transport-node';\nexport const bus = connect;",
      'libs/testing/src/nats.ts': "export { connect } from '@nats-io/transport-node';",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fails each forbidden import and only those', async () => {
    const found = (await cruise(root)).map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`).sort();
    expect(found).toEqual(
      [
        'libs-not-apps: libs/shared/src/index.ts → apps/beta/src/beta.ts',
        'nats-only-in-messaging: apps/alpha/src/main.ts → node_modules/@nats-io/transport-node/index.js',
        'no-cross-service: apps/alpha/src/main.ts → apps/beta/src/beta.ts',
        'shipped-apps-not-tools: apps/alpha/src/main.ts → tools/topology.ts',
      ].sort(),
    );
  }, 180_000);
});
