import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_FEDERATION_SECRET, federationSecret } from '@ws/messaging';
import { platformConfig } from '@ws/platform';
import { NATS_URL, PG_URL } from '@ws/testing';
import { builtEntry } from '@ws/testing/service-process';
import { dispatchConfig } from '../apps/dispatch/src/dispatch.config';
import { identityConfig } from '../apps/identity/src/identity.config';
import { jobsConfig } from '../apps/jobs/src/jobs.config';
import { piiKeysFromEnv } from '../apps/membership/src/personal-data/pii-keys';
import { notifyConfig } from '../apps/notify/src/notify.config';
import { legalAidVaultKey } from '../apps/stations/src/legal-aid/legal-aid-vault';
import { stationLinkConfig } from '../apps/stations/src/station-link/station-link';
import { wishesConfig } from '../apps/wishes/src/wishes.config';
import { uploadsConfig } from '@ws/uploads';

/**
 * A production node (NODE_ENV=production) starts only on its own secrets: each one missing, or
 * set to a development value shipped in the code, stops the start with the variable named.
 */
const secretsDir = mkdtempSync(join(tmpdir(), 'ws-prod-secrets-'));
const keyFile = join(secretsDir, 'signing-key.jwk');
/** The node's CA (its content does not matter to the configs: they check that the file is there). */
const caFile = join(secretsDir, 'nats-ca.pem');
writeFileSync(caFile, '');
writeFileSync(keyFile, JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', kid: 'prod-test' }));

/** A production node's own secrets, every one set (each of 32 random-looking characters or more). */
const PRODUCTION: Record<string, string> = {
  NODE_ENV: 'production',
  NATS_CA_FILE: caFile,
  IDENTITY_SIGNING_KEY_FILE: keyFile,
  IDENTITY_COOKIE_SECRET: 'c7f1e0a9b3d54e2f8a6b1c9d0e7f3a2b5c8d1e4f',
  IDENTITY_VAULT_KEY: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
  JOBS_VAULT_KEY: 'f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d',
  JOBS_SESSION_SECRET: '0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4',
  VAULT_KEY: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
  VOLUNTEER_TOKEN_SECRET: 'a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1',
  NOTIFY_VAULT_KEY: 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0',
  WISHES_VAULT_KEY: 'c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1',
  WISHES_AUTHOR_SECRET: 'd3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2',
  PII_MASTER_KEY: '3f9c2b7e1a4d8c6b5e0f2a9d7c3b1e8f4a6d2c9b7e5f1a3d8c6b4e2f0a9d7c5b',
  PII_HMAC_KEY: '8e2d4f6a1c3b5e7d9f0a2c4e6b8d1f3a5c7e9b0d2f4a6c8e1b3d5f7a9c0e2b4d',
  STATION_LINK_SECRET: 'e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3',
  LEGAL_AID_VAULT_KEY: '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f',
  PHOTO_URL_SECRET: 'f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4',
  FEDERATION_SECRET: 'a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5',
};

/**
 * Each secret, who reads it, and the development values the code ships (besides any value that
 * says it is one, "waystation-dev-…"; none: it has only a random one per process).
 */
const SECRETS: Array<{ name: string; read: (env: NodeJS.ProcessEnv) => unknown; development: string[] }> = [
  // npm start's key of the node, under .run/secrets.
  { name: 'IDENTITY_SIGNING_KEY_FILE', read: identityConfig, development: ['/srv/waystation/.run/secrets/330802/officer-signing-key.jwk'] },
  { name: 'IDENTITY_COOKIE_SECRET', read: identityConfig, development: [] },
  { name: 'IDENTITY_VAULT_KEY', read: identityConfig, development: [] },
  { name: 'JOBS_VAULT_KEY', read: jobsConfig, development: ['waystation-dev-jobs-vault-key-change-me'] },
  { name: 'JOBS_SESSION_SECRET', read: jobsConfig, development: [] },
  { name: 'VAULT_KEY', read: dispatchConfig, development: ['waystation-dev-vault-key-change-me-now'] },
  { name: 'VOLUNTEER_TOKEN_SECRET', read: dispatchConfig, development: [] },
  { name: 'NOTIFY_VAULT_KEY', read: notifyConfig, development: ['waystation-dev-notify-vault-key-change-me'] },
  { name: 'WISHES_VAULT_KEY', read: wishesConfig, development: ['waystation-dev-wishes-vault-key-change-me'] },
  { name: 'WISHES_AUTHOR_SECRET', read: wishesConfig, development: ['waystation-dev-wishes-author-secret-change-me'] },
  // The development PII keys are sha256 of a phrase, given as hex or base64.
  { name: 'PII_MASTER_KEY', read: piiKeysFromEnv, development: [developmentPiiKey('master')] },
  { name: 'PII_HMAC_KEY', read: piiKeysFromEnv, development: [developmentPiiKey('hmac')] },
  { name: 'STATION_LINK_SECRET', read: (env) => stationLinkConfig(env, () => undefined), development: [] },
  { name: 'LEGAL_AID_VAULT_KEY', read: legalAidVaultKey, development: [] },
  { name: 'PHOTO_URL_SECRET', read: (env) => uploadsConfig('n330802_dispatch', env, () => undefined), development: [] },
  { name: 'FEDERATION_SECRET', read: federationSecret, development: [DEV_FEDERATION_SECRET] },
  // Not a secret, but no working default either: without it a service would send its nats password in clear.
  { name: 'NATS_CA_FILE', read: (env) => platformConfig('stations', env), development: [] },
];

function developmentPiiKey(purpose: string): string {
  return createHash('sha256').update(`waystation development ${purpose} key — not secret`).digest('hex');
}

const without = (name: string) => Object.fromEntries(Object.entries(PRODUCTION).filter(([key]) => key !== name));

describe('production refuses to start on a missing or development secret', () => {
  it.each(SECRETS)('$name: read when set, refused when missing or a development value, naming the variable', ({ name, read, development }) => {
    expect(() => read(PRODUCTION)).not.toThrow();
    expect(() => read(without(name))).toThrow(new RegExp(`${name}: required in production`));
    const copied = name.endsWith('_FILE') ? [] : ['waystation-dev-copied-into-production-0123456789'];
    for (const value of [...development, ...copied]) {
      expect(() => read({ ...PRODUCTION, [name]: value })).toThrow(new RegExp(`${name}: a development value`));
    }
    // Outside production the same service starts without it (a random or a development value).
    expect(() => read({ ...without(name), NODE_ENV: 'development' })).not.toThrow();
  });

  /** A built service process, started as a deployment starts it: exit code and what it printed. */
  const start = (service: string, env: Record<string, string>) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [builtEntry(service)], { env: { PATH: process.env['PATH'], PG_URL, NATS_URL, NODE_CODE: '330802', HTTP_PORT: '0', LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });

  it.each([
    { service: 'wishes', name: 'WISHES_VAULT_KEY', value: 'waystation-dev-wishes-vault-key-change-me' },
    { service: 'dispatch', name: 'VAULT_KEY', value: undefined },
    { service: 'identity', name: 'IDENTITY_COOKIE_SECRET', value: undefined },
  ])('a built $service process with $name unset or a development value stops at start naming it', async ({ service, name, value }) => {
    const env = value === undefined ? without(name) : { ...PRODUCTION, [name]: value };
    const { code, output } = await start(service, env);
    expect(code).not.toBe(0);
    expect(output).toContain(name);
  }, 90_000);
});
