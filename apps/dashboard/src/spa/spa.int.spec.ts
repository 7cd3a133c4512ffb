import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { nodeRef } from '@ws/contracts';
import { NATS_URL, testNodeCode } from '@ws/testing';
import { RunningDashboard, startDashboard, testDashboardConfig } from '../../testing/dashboard-app';

describe('the node web front serves built single-page apps', () => {
  const root = mkdtempSync(join(tmpdir(), 'ws-spa-'));
  const script = 'console.log("工会驿站");'.repeat(50);
  let front: RunningDashboard;

  beforeAll(async () => {
    mkdirSync(join(root, 'h5', 'assets'), { recursive: true });
    writeFileSync(join(root, 'h5', 'index.html'), '<!doctype html><script type="module" src="/h5/assets/index-abc123.js"></script>');
    writeFileSync(join(root, 'h5', 'assets', 'index-abc123.js'), script);
    writeFileSync(join(root, 'h5', 'assets', 'index-abc123.js.br'), brotliCompressSync(script));
    writeFileSync(join(root, 'h5', 'assets', 'index-abc123.js.gz'), gzipSync(script));
    writeFileSync(join(root, 'h5', 'favicon.svg'), '<svg/>');
    front = await startDashboard(testDashboardConfig({ node: nodeRef(testNodeCode()), natsUrl: NATS_URL, evtStream: 'NO_SUCH_STREAM', spaRoot: root }));
  });

  afterAll(async () => {
    await front?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers the entry page, uncached, for the app root and for any route of the app (history routing)', async () => {
    for (const path of ['/h5/', '/h5/s/0196a3b0-0000-7000-8000-000000000000?k=abc', '/h5/nearby']) {
      const response = await fetch(`${front.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toContain('/h5/assets/index-abc123.js');
    }
    const landing = await fetch(`${front.url}/h5/s/0196a3b0-0000-7000-8000-000000000000?k=Zx-_9`);
    expect(landing.headers.get('link')).toBe('</api/stations/stations/0196a3b0-0000-7000-8000-000000000000/landing?k=Zx-_9>; rel=preload; as=fetch; crossorigin');
    expect((await fetch(`${front.url}/h5/nearby`)).headers.get('link')).toBeNull();
    expect((await fetch(`${front.url}/h5/s/not-a-station?k=x`)).headers.get('link')).toBeNull();
    const bare = await fetch(`${front.url}/h5?x=1`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/h5/?x=1');
  });

  it('keeps hashed assets for a year and sends the precompressed copy the browser takes', async () => {
    const brotli = await fetch(`${front.url}/h5/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('vary')).toBe('accept-encoding');
    expect(await brotli.text()).toBe(script); // fetch decodes

    const gzip = await fetch(`${front.url}/h5/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toBe(script);

    const plain = await fetch(`${front.url}/h5/favicon.svg`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers 404 for a missing file (never the entry page) and for an app this node has not built', async () => {
    expect((await fetch(`${front.url}/h5/assets/index-old999.js`)).status).toBe(404);
    expect((await fetch(`${front.url}/h5/../../etc/passwd.txt`)).status).toBe(404);
    const console = await fetch(`${front.url}/console/`);
    expect(console.status).toBe(404);
    expect(console.headers.get('content-type')).toContain('application/problem+json');
  });
});
