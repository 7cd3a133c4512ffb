import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BUS_SERVICES, DEV_FEDERATION_SECRET, FederationCredentials, natsServerBinary } from '@ws/messaging';
import { CONTAINER_TLS, deploymentFiles, servicePasswordVariable } from '../tools/deploy-config';
import { ensureFederationTls } from '../tools/federation-tls';
import { FEDERATION } from '../tools/topology';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

/** The committed deploy/ files against the real nats-server 2.9 and the generator. */
describe('deploy/ as committed', () => {
  const generated = deploymentFiles(FEDERATION, new FederationCredentials(DEV_FEDERATION_SECRET));

  it('is what npm run deploy:config writes with the development secret', () => {
    for (const [path, content] of generated) expect(`${path}\n${readFileSync(join(ROOT, path), 'utf8')}`).toBe(`${path}\n${content}`);
  });

  describe('with the services\' passwords in the environment and the certificates where the container mounts them', () => {
    let dir: string;
    const env = { ...process.env, ...Object.fromEntries(BUS_SERVICES.map((service) => [servicePasswordVariable(service), `pw-${service}`])) };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ws-deploy-'));
      await ensureFederationTls(dir, FEDERATION.map((node) => node.code));
    });

    afterAll(() => rm(dir, { recursive: true, force: true }));

    it.each(FEDERATION.map((node) => node.code))('deploy/nats/%s.conf passes nats-server -t', async (code) => {
      const config = readFileSync(join(ROOT, 'deploy', 'nats', `${code}.conf`), 'utf8')
        .replaceAll(CONTAINER_TLS.caFile, join(dir, 'tls', 'ca.pem'))
        .replaceAll(CONTAINER_TLS.certFile, join(dir, 'tls', code, 'cert.pem'))
        .replaceAll(CONTAINER_TLS.keyFile, join(dir, 'tls', code, 'key.pem'));
      const file = join(dir, `${code}.conf`);
      await writeFile(file, config);
      const { stdout, stderr } = await run(natsServerBinary(), ['-c', file, '-t'], { env });
      expect(`${stdout}${stderr}`).toContain('is valid');
    });
  });
});
