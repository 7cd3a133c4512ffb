import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEV_FEDERATION_SECRET, FederationCredentials, natsServerBinary } from '@ws/messaging';
import { deploymentFiles } from '../tools/deploy-config';
import { FEDERATION } from '../tools/topology';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

/** The committed deploy/ files against the real nats-server 2.9 and the generator. */
describe('deploy/ as committed', () => {
  const generated = deploymentFiles(FEDERATION, new FederationCredentials(DEV_FEDERATION_SECRET));

  it('is what npm run deploy:config writes with the development secret', () => {
    for (const [path, content] of generated) expect(`${path}\n${readFileSync(join(ROOT, path), 'utf8')}`).toBe(`${path}\n${content}`);
  });

  it.each(FEDERATION.map((node) => node.code))('deploy/nats/%s.conf passes nats-server -t', async (code) => {
    const { stdout, stderr } = await run(natsServerBinary(), ['-c', join(ROOT, 'deploy', 'nats', `${code}.conf`), '-t']);
    expect(`${stdout}${stderr}`).toContain('is valid');
  });
});
