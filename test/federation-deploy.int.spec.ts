import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BUS_SERVICES, connectNats, LOCAL_PASSWORD_VARIABLE, natsServerBinary, serviceInboxPrefix, withNatsCredentials } from '@ws/messaging';
import { diesWithParent } from '@ws/testing/dies-with-parent';
import { freePort } from '@ws/testing/service-process';
import { CONTAINER, CONTAINER_TLS, deploymentFiles, PARENT_LEAF_URL_VARIABLE, passwordVariables, servicePasswordVariable } from '../tools/deploy-config';
import { ensureFederationTls } from '../tools/federation-tls';
import { FEDERATION } from '../tools/topology';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

/** The committed deploy/ files against the real nats-server 2.9 and the generator. */
describe('deploy/ as committed', () => {
  const generated = deploymentFiles(FEDERATION);

  it('is what npm run deploy:config writes (no secret goes into it)', () => {
    for (const [path, content] of generated) expect(`${path}\n${readFileSync(join(ROOT, path), 'utf8')}`).toBe(`${path}\n${content}`);
  });

  describe('with every password (services, local, leafnode links) in the environment and the certificates where the container mounts them', () => {
    let dir: string;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // the names a node's nats-server reads (compose fills them from the host's per-node variables)
      ...Object.fromEntries([LOCAL_PASSWORD_VARIABLE, ...BUS_SERVICES.map(servicePasswordVariable), ...passwordVariables(FEDERATION)].map((name) => [name, `pw-${name.toLowerCase()}`])),
      // what compose composes from the node's NATS_LEAF_<CODE>_PASSWORD
      [PARENT_LEAF_URL_VARIABLE]: 'nats-leaf://leaf-n330802:pw-leaf@nats-3308:7422',
    };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ws-deploy-'));
      await ensureFederationTls(dir, FEDERATION.map((node) => node.code));
    });

    afterAll(() => rm(dir, { recursive: true, force: true }));

    /** The committed config with the certificates' paths of this machine. */
    async function configFile(code: string): Promise<string> {
      const config = readFileSync(join(ROOT, 'deploy', 'nats', `${code}.conf`), 'utf8')
        .replaceAll(CONTAINER_TLS.caFile, join(dir, 'tls', 'ca.pem'))
        .replaceAll(CONTAINER_TLS.certFile, join(dir, 'tls', code, 'cert.pem'))
        .replaceAll(CONTAINER_TLS.keyFile, join(dir, 'tls', code, 'key.pem'));
      const file = join(dir, `${code}.conf`);
      await writeFile(file, config);
      return file;
    }

    it.each(FEDERATION.map((node) => node.code))('deploy/nats/%s.conf passes nats-server -t', async (code) => {
      const file = await configFile(code);
      const { stdout, stderr } = await run(natsServerBinary(), ['-c', file, '-t'], { env });
      expect(`${stdout}${stderr}`).toContain('is valid');
    });

    it('deploy/nats/3308.conf is refused by nats-server -t without its local and leafnode passwords', async () => {
      const file = await configFile('3308');
      for (const missing of ['NATS_LOCAL_PASSWORD', 'NATS_LEAF_330802_PASSWORD', PARENT_LEAF_URL_VARIABLE]) {
        const { [missing]: _unset, ...without } = env;
        const failure = await run(natsServerBinary(), ['-c', file, '-t'], { env: without }).then(
          () => 'valid',
          (error: { stderr?: string }) => error.stderr ?? '',
        );
        expect(`${missing}: ${failure}`).toContain(`variable reference for '${missing}'`);
      }
    });

    it("deploy/nats/33.conf takes a service over TLS checked with the federation's CA, and refuses it without", async () => {
      const [port, leafPort, monitorPort] = [await freePort(), await freePort(), await freePort()];
      // The committed config on this machine's free ports and a scratch store.
      const config = readFileSync(await configFile('33'), 'utf8')
        .replace(`port: ${CONTAINER.natsPort}\n`, `port: ${port}\n`)
        .replace(`port: ${CONTAINER.leafPort}\n`, `port: ${leafPort}\n`)
        .replace(`http_port: ${CONTAINER.monitorPort}\n`, `http_port: ${monitorPort}\n`)
        .replace(`store_dir: "${CONTAINER.storeDir}"`, `store_dir: ${JSON.stringify(join(dir, 'store-33'))}`);
      const file = join(dir, '33-local.conf');
      await writeFile(file, config);
      const [program, args] = diesWithParent(natsServerBinary(), ['-c', file]);
      const server = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        await new Promise<void>((resolve, reject) => {
          let output = '';
          const timer = setTimeout(() => reject(new Error(`nats-server not ready:\n${output}`)), 15_000);
          server.stderr.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes('Server is ready')) (clearTimeout(timer), resolve());
          });
        });
        const url = withNatsCredentials(`nats://127.0.0.1:${port}`, { user: 'svc-stations', password: env[servicePasswordVariable('stations')]! });
        const options = { inboxPrefix: serviceInboxPrefix('33', 'stations') };
        const nc = await connectNats(url, 'stations@33', { ...options, caFile: join(dir, 'tls', 'ca.pem') });
        await nc.flush();
        await nc.close();
        await expect(connectNats(url, 'stations@33 without the CA', options)).rejects.toThrow(/certificate/i);
      } finally {
        server.kill('SIGKILL');
      }
    });

    it('passes nats-server -t at every node while a CA rotation trusts two CAs (deploy:config --rotate-ca)', async () => {
      await ensureFederationTls(dir, FEDERATION.map((node) => node.code), new Date(), { step: 'rotate-ca' });
      expect(readFileSync(join(dir, 'tls', 'ca.pem'), 'utf8').match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
      for (const node of FEDERATION) {
        const { stdout, stderr } = await run(natsServerBinary(), ['-c', await configFile(node.code), '-t'], { env });
        expect(`${node.code}: ${stdout}${stderr}`).toContain('is valid');
      }
    });
  });
});
