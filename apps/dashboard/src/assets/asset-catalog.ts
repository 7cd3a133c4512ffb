import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

export interface Asset {
  body: Buffer;
  contentType: string;
  cacheControl: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Third-party files the page needs, served from this process so it works on a LAN without
 * the internet: ECharts (Apache-2.0) and the Zhejiang city boundaries of china-geojson (MIT,
 * antvis; 11 cities, feature id = GB/T 2260 city code).
 */
const VENDOR_FILES: Record<string, string> = {
  'echarts.min.js': 'echarts/dist/echarts.min.js',
  'zhejiang.geo.json': 'china-geojson/src/geojson/zhe_jiang_geo.json',
};

/**
 * apps/dashboard/public: two levels up from src/assets/ when run from source; from a build
 * (dist/apps/dashboard/src/assets/, which copies no assets) the same folder of the source tree
 * the build sits in, found by walking up.
 */
function publicDirectory(): string {
  const fromSource = join(__dirname, '..', '..', 'public');
  if (existsSync(join(fromSource, 'index.html'))) return fromSource;
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'dashboard', 'public');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  throw new Error(`dashboard page not found above ${__dirname}`);
}

/** Every file the page is made of, read once at start-up; nothing else can be asked for. */
export function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const dir = publicDirectory();
  for (const name of readdirSync(dir)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) continue;
    // The page's own files change with each release: revalidate. Vendor files are versioned by package.
    assets.set(name, { body: readFileSync(join(dir, name)), contentType, cacheControl: 'no-cache' });
  }
  for (const [name, module] of Object.entries(VENDOR_FILES)) {
    const contentType = CONTENT_TYPES[extname(name)]!;
    assets.set(name, { body: readFileSync(require.resolve(module)), contentType, cacheControl: 'public, max-age=86400' });
  }
  return assets;
}
