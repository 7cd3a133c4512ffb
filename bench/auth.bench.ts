import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeJwt } from 'jose';
import { generateSync } from 'otplib';
import { identityDirectiveSubject, nodeRef, type SigningKeysAnnounced } from '@ws/contracts';
import { OfficerTokenVerifier, verifyOfficerToken } from '@ws/kernel';
import { requestOk, TrustStore } from '@ws/platform';
import { ProcessNode } from '@ws/testing/process-federation';
import { ARGON2_PARAMETERS } from '../apps/identity/src/accounts/credentials';
import type { InitialAccount } from '../apps/identity/src/accounts/initial-accounts';
import { ConsoleSignIn } from '../apps/identity/src/testing/console-sign-in';
import { percentile, postgresBackendsOf, processCpuSeconds, processTree } from './bench-node';

/**
 * Officers' sign-in and token checks (npm run bench:auth). A built identity service process on a
 * throw-away node, its officers made at start (IDENTITY_INITIAL_ACCOUNTS_FILE, enrolled TOTP),
 * then what the console does, over HTTP:
 *   1. sign-ins one after another — /oidc/auth → password → TOTP → code → /oidc/token (code + PKCE):
 *      p50 / p99 of the whole, and of the password step alone (argon2id at the chosen parameters);
 *   2. BENCH_CONCURRENCY sign-ins at a time: sign-ins per second, p50 / p99;
 *   3. verifying the node's access tokens as every service's guard does, against a trust store
 *      holding the keys the node publishes: CPU µs per request, for a token's first request (the
 *      Ed25519 signature and every claim) and for its later ones (OfficerTokenVerifier).
 * Each account signs in once: a TOTP code is refused a second time (replay), and a real officer
 * signs in once a shift, not every second.
 */
const SEQUENTIAL = Number(process.env['BENCH_SIGN_INS'] ?? 100);
const CONCURRENT = Number(process.env['BENCH_CONCURRENT_SIGN_INS'] ?? 100);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 4);
const VERIFICATIONS = Number(process.env['BENCH_VERIFICATIONS'] ?? 20_000);
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Jizhun-Denglu#2026';
const ORIGIN = 'https://bench.example.cn';

interface Timed {
  total: number;
  password: number;
  accessToken: string;
}

async function main(): Promise<void> {
  const node = new ProcessNode<'identity'>();
  const accounts: InitialAccount[] = Array.from({ length: SEQUENTIAL + CONCURRENT + 1 }, (_, i) => ({
    userName: `bench_${i}`,
    displayName: `基准干部${i}`,
    password: PASSWORD,
    role: 'district_officer',
    totpSecret: TOTP_SECRET,
    mustChangePassword: false,
  }));
  const accountsFile = join(tmpdir(), `bench-auth-${node.code}.json`);
  writeFileSync(accountsFile, JSON.stringify(accounts));
  try {
    const startedAt = performance.now();
    await node.start('identity', {
      LOG_LEVEL: 'error',
      PUBLIC_ORIGIN: ORIGIN,
      IDENTITY_COOKIE_SECRET: 'bench-cookie-secret-0123456789abcdef',
      IDENTITY_VAULT_KEY: 'bench-vault-key-0123456789abcdefghij',
      IDENTITY_INITIAL_ACCOUNTS_FILE: accountsFile,
    });
    const bootSeconds = (performance.now() - startedAt) / 1000;
    const base = node.url('identity');
    const client = new ConsoleSignIn(base, ORIGIN);
    const cpu = () => processCpuSeconds(processTree(node.pid('identity')!));
    const pgCpu = () => processCpuSeconds(postgresBackendsOf(node.databaseName('identity')));
    let next = 0;
    const signIn = async (): Promise<Timed> => {
      const userName = `bench_${next++}`;
      const started = performance.now();
      const { browser, verifier, page, state } = await client.authorize();
      const uid = /\/oidc\/interaction\/([A-Za-z0-9_-]+)/.exec(page.url)![1]!;
      const passwordAt = performance.now();
      const afterPassword = await browser.follow(await browser.postForm(`/oidc/interaction/${uid}/login`, { userName, password: PASSWORD }));
      const password = performance.now() - passwordAt;
      if (!(await afterPassword.text()).includes('动态码')) throw new Error(`${userName}: no TOTP step (${afterPassword.status})`);
      const totp = generateSync({ secret: TOTP_SECRET, epoch: Math.floor(Date.now() / 1000) });
      const authorizationCode = await client.codeFrom(browser, await browser.postForm(`/oidc/interaction/${uid}/totp`, { code: totp }), state);
      const { status, body } = await client.tokenRequest({ grant_type: 'authorization_code', code: authorizationCode, redirect_uri: client.callback, code_verifier: verifier });
      if (status !== 200) throw new Error(`${userName}: token request ${status} ${JSON.stringify(body)}`);
      return { total: performance.now() - started, password, accessToken: body.access_token };
    };

    // Warm-up: the provider's first request, the decoy hash, the pools' connections.
    const warm = await signIn();

    // ---- 1. one after another ----
    const load1 = loadavg();
    const cpu1 = cpu();
    const pg1 = pgCpu();
    const sequential: Timed[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await signIn());
    const cpuPerSignIn = (cpu() - cpu1) / SEQUENTIAL;
    const pgPerSignIn = (pgCpu() - pg1) / SEQUENTIAL;
    const totals = sequential.map((t) => t.total).sort((a, b) => a - b);
    const passwords = sequential.map((t) => t.password).sort((a, b) => a - b);

    // ---- 2. CONCURRENCY at a time ----
    const load2 = loadavg();
    const cpu2 = cpu();
    const concurrent: Timed[] = [];
    const burstStarted = performance.now();
    let left = CONCURRENT;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (left > 0) {
          left--;
          concurrent.push(await signIn());
        }
      }),
    );
    const burstSeconds = (performance.now() - burstStarted) / 1000;
    const cpuPerConcurrent = (cpu() - cpu2) / CONCURRENT;
    const concurrentTotals = concurrent.map((t) => t.total).sort((a, b) => a - b);

    // ---- 3. token verification, as a service's guard does it ----
    const jwks = (await requestOk(base, 'GET', '/oidc/jwks')) as { keys: Array<{ kid: string; x: string }> };
    const trust = new TrustStore();
    const announced: SigningKeysAnnounced = {
      type: 'SigningKeysAnnounced',
      data: {
        node: node.code,
        issuer: `${ORIGIN}/oidc`,
        keys: jwks.keys.map((key) => ({ kid: key.kid, jwk: { kty: 'OKP', crv: 'Ed25519', x: key.x }, notBefore: new Date(Date.now() - 3_600_000).toISOString(), notAfter: new Date(Date.now() + 3_600_000).toISOString() })),
      },
    };
    if (!(await trust.accept(announced, identityDirectiveSubject(nodeRef(node.code), 'SigningKeysAnnounced', 'bench')))) throw new Error('the node\'s keys were not believed');
    const token = warm.accessToken;
    const principal = await verifyOfficerToken(token, trust);
    if (principal.node !== node.code || principal.role !== 'district_officer') throw new Error(`unexpected principal ${JSON.stringify(principal)}`);
    const cpuMicroseconds = async (rounds: number, once: () => Promise<unknown>) => {
      const started = process.cpuUsage();
      for (let i = 0; i < rounds; i++) await once();
      const used = process.cpuUsage(started);
      return (used.user + used.system) / rounds;
    };
    // A token's first request: the signature and every claim checked.
    await cpuMicroseconds(2000, () => verifyOfficerToken(token, trust));
    const firstUse = await cpuMicroseconds(VERIFICATIONS, () => verifyOfficerToken(token, trust));
    // Its next requests (the guard's OfficerTokenVerifier): expiry, revocation and the key re-checked.
    const verifier = new OfficerTokenVerifier(trust);
    const tokens = [...sequential, ...concurrent].map((t) => t.accessToken);
    for (const each of tokens) await verifier.verify(each);
    let turn = 0;
    const laterUse = await cpuMicroseconds(VERIFICATIONS * 10, () => verifier.verify(tokens[turn++ % tokens.length]!));

    const claims = decodeJwt(token);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const lines = [
      `bench:auth — node ${node.code}, ${cpus().length} CPUs, identity ready in ${bootSeconds.toFixed(1)} s (${accounts.length} officers made at start)`,
      `argon2id: memory ${ARGON2_PARAMETERS.memoryCost} KiB, ${ARGON2_PARAMETERS.timeCost} passes, ${ARGON2_PARAMETERS.parallelism} lane; access token ${String(claims.exp! - claims.iat!)} s, EdDSA`,
      `1. sign-in one after another (${SEQUENTIAL}; load ${load1.map((l) => l.toFixed(2)).join(' ')}):`,
      `   whole sign-in (auth → password → TOTP → code → token) p50 ${ms(percentile(totals, 50))}, p99 ${ms(percentile(totals, 99))}, max ${ms(totals.at(-1)!)}`,
      `   password step alone p50 ${ms(percentile(passwords, 50))}, p99 ${ms(percentile(passwords, 99))}`,
      `   CPU per sign-in: identity ${ms(cpuPerSignIn * 1000)}, its Postgres backends ${ms(pgPerSignIn * 1000)}`,
      `2. ${CONCURRENCY} at a time (${CONCURRENT}; load ${load2.map((l) => l.toFixed(2)).join(' ')}): ${(CONCURRENT / burstSeconds).toFixed(1)} sign-ins/s, p50 ${ms(percentile(concurrentTotals, 50))}, p99 ${ms(percentile(concurrentTotals, 99))}; identity CPU ${ms(cpuPerConcurrent * 1000)} per sign-in`,
      `3. token verification per request, CPU (trust store with the node's published key): a token's first request ${firstUse.toFixed(1)} µs (signature + claims, ${VERIFICATIONS} rounds); its later requests ${laterUse.toFixed(2)} µs (${tokens.length} officers' tokens remembered by the guard, ${VERIFICATIONS * 10} rounds)`,
      `load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(accountsFile, { force: true });
    await node.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:auth failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
