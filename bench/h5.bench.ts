/**
 * The worker pages on a weak signal: `npm run bench:h5`.
 * Prints the first screen's weight (the entry's JS and CSS, gzipped as the front sends them) and,
 * over cold loads of a station's landing page in Chromium throttled to DevTools' "Fast 3G"
 * (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up), the time until 打卡 can be tapped
 * (the page's `ws:interactive` mark: card loaded and rendered) and the first contentful paint.
 * Runs 柯城 alone with npm start's launcher on a free port block.
 */
import * as os from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../apps/dashboard/testing/chromium';
import { launchFederation } from '../apps/dashboard/testing/launched-federation';
import { phoneContext } from '../apps/dashboard/testing/phones';

const RUNS = 7;
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: ((1.44 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((675 * 1000) / 8) * 0.9 };
const BUDGET_BYTES = 200 * 1024;
const BUDGET_MS = 2_000;
const SPA = join(__dirname, '..', 'spa', 'h5');

/** The files index.html loads before anything else: its module script, preloads and stylesheets. */
function firstScreenBytes(): { files: Array<{ file: string; gzip: number }>; total: number } {
  const html = readFileSync(join(SPA, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/h5\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const files = refs.map((file) => {
    const path = join(SPA, file);
    const gzip = existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`).length : gzipSync(readFileSync(path)).length;
    return { file, gzip };
  });
  return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

async function main(): Promise<void> {
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);
  const weight = firstScreenBytes();
  for (const f of weight.files) console.log(`  ${f.file}: ${(f.gzip / 1024).toFixed(1)} KB gzipped`);
  console.log(`first screen JS + CSS: ${(weight.total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)`);

  const federation = await launchFederation({ DEMO_VISITS_SCALE: '0.02', DEMO_MEMBERS_SCALE: '0.02', DEMO_WISHES_SCALE: '0', DEMO_VOLUNTEERS_SCALE: '0' }, 'district');
  const browser = await launchChromium();
  try {
    await federation.waitForLine(/就绪 ready in \d+ s/, 180_000);
    const landing = /扫码打卡 landing (\S+)/.exec(federation.output())?.[1];
    if (!landing) throw new Error('the launcher printed no landing URL');
    const interactive: number[] = [];
    const paints: number[] = [];
    const landingRequests: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await phoneContext(browser, 'android');
      const page = await context.newPage();
      let asked = 0;
      // The card's API answer is preloaded with the entry page (Link header): one request, not two.
      page.on('requestfinished', (request) => void (request.url().includes('/landing?') && asked++));
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      await page.goto(landing, { waitUntil: 'commit' });
      await page.waitForSelector('[data-checkin]', { timeout: 30_000 });
      const [mark, fcp] = await page.evaluate<[number, number]>(
        `[performance.getEntriesByName('ws:interactive')[0]?.startTime ?? NaN, performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN]`,
      );
      landingRequests.push(asked);
      interactive.push(mark);
      paints.push(fcp);
      await context.close();
    }
    console.log(`landing page on Fast 3G, ${RUNS} cold loads (Android 360×640, empty cache):`);
    console.log(`  interactive (打卡 tappable): p50 ${percentile(interactive, 50).toFixed(0)} ms, max ${Math.max(...interactive).toFixed(0)} ms (budget ${BUDGET_MS} ms)`);
    console.log(`  first contentful paint: p50 ${percentile(paints, 50).toFixed(0)} ms`);
    console.log(`  landing API requests per load: ${[...new Set(landingRequests)].join(', ')} (preloaded with the page)`);
    console.log(`load average after: ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    await browser.close();
    await federation.interrupt(30_000).catch(() => undefined);
    await federation.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
