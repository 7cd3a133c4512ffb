import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_FEDERATION_SECRET, FederationCredentials } from '@ws/messaging';
import { devFederationSecret } from './dev-secrets';
import { writeNatsConfig } from './nats-node';
import { ensureNodeSecrets, missingNodeSecrets, NODE_SECRETS, nodeSecretsEnv } from './node-secrets';
import { byCode, DataService, FEDERATION } from './topology';

/** npm start's secrets of a node, in a run directory of the test's own (WS_RUN_DIR), with none set in the environment. */
describe('the launcher’s per-node secrets (.run/secrets/<code>/)', () => {
  const previous = process.env['WS_RUN_DIR'];
  let run: string;
  const none: NodeJS.ProcessEnv = {};
  const services = Object.keys(NODE_SECRETS) as DataService[];
  const secretsOf = (code: string) => Object.assign({}, ...services.map((service) => ({ [service]: nodeSecretsEnv(byCode(FEDERATION, code), service, none) }))) as Record<DataService, Record<string, string>>;

  beforeEach(() => {
    run = mkdtempSync(join(tmpdir(), 'ws-node-secrets-'));
    process.env['WS_RUN_DIR'] = run;
  });
  afterEach(() => {
    rmSync(run, { recursive: true, force: true });
    if (previous === undefined) delete process.env['WS_RUN_DIR'];
    else process.env['WS_RUN_DIR'] = previous;
  });

  it('gives every secret a service reads, each node its own, kept across restarts', () => {
    const first = { district: secretsOf('330424'), sibling: secretsOf('330402') };
    for (const service of services) {
      for (const [variable, file] of NODE_SECRETS[service]!) {
        const own = first.district[service][variable]!;
        // 32 random bytes as hex: what the PII keys' parser takes, and no development value.
        expect(own).toMatch(/^[0-9a-f]{64}$/);
        expect(first.sibling[service][variable]).not.toBe(own);
        expect(readFileSync(join(run, 'secrets', '330424', file), 'utf8').trim()).toBe(own);
        expect(statSync(join(run, 'secrets', '330424', file)).mode & 0o077).toBe(0);
      }
    }
    // The vault keys the issue names among them.
    expect(Object.keys(first.district.membership)).toEqual(['PII_MASTER_KEY', 'PII_HMAC_KEY']);
    expect(Object.keys(first.district.wishes)).toEqual(expect.arrayContaining(['WISHES_VAULT_KEY', 'WISHES_AUTHOR_SECRET']));
    expect(Object.keys(first.district.dispatch)).toEqual(expect.arrayContaining(['VAULT_KEY']));
    // A restart reads the same files.
    expect({ district: secretsOf('330424'), sibling: secretsOf('330402') }).toEqual(first);
  });

  it('takes a secret set in the launcher’s environment instead', () => {
    expect(nodeSecretsEnv(byCode(FEDERATION, '330424'), 'membership', { PII_HMAC_KEY: 'set-by-the-operator' })).toEqual({
      PII_MASTER_KEY: expect.stringMatching(/^[0-9a-f]{64}$/),
      PII_HMAC_KEY: 'set-by-the-operator',
    });
  });

  it('knows a node whose secrets are still to be made (its data, if any, were sealed with other keys)', () => {
    const node = byCode(FEDERATION, '330802');
    expect(missingNodeSecrets(node, none)).toEqual(expect.arrayContaining(['PII_MASTER_KEY', 'VAULT_KEY', 'WISHES_AUTHOR_SECRET']));
    expect(missingNodeSecrets(node, { PII_MASTER_KEY: 'set' })).not.toContain('PII_MASTER_KEY');
    expect(ensureNodeSecrets(node, none).length).toBeGreaterThan(0);
    expect(missingNodeSecrets(node, none)).toEqual([]);
    expect(ensureNodeSecrets(node, none)).toEqual([]);
    rmSync(join(run, 'secrets', '330802', 'wishes-vault'));
    expect(missingNodeSecrets(node, none)).toEqual(['WISHES_VAULT_KEY']);
  });

  it('derives the nats-servers’ passwords from a federation secret of the run directory, the same at a restart', () => {
    const saved = process.env['FEDERATION_SECRET'];
    delete process.env['FEDERATION_SECRET'];
    try {
      const secret = devFederationSecret();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      const node = byCode(FEDERATION, '330424');
      const config = readFileSync(writeNatsConfig(FEDERATION, node), 'utf8');
      expect(config).toContain(new FederationCredentials(secret).leaf('330424').password);
      expect(config).not.toContain(new FederationCredentials(DEV_FEDERATION_SECRET).leaf('330424').password);
      expect(readFileSync(writeNatsConfig(FEDERATION, node), 'utf8')).toBe(config);
      expect(devFederationSecret({ FEDERATION_SECRET: 'the-deployment-own' })).toBe('the-deployment-own');
    } finally {
      if (saved !== undefined) process.env['FEDERATION_SECRET'] = saved;
    }
  });
});
