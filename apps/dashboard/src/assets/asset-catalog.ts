import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

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
 * apps/dashboard/public: two levels up from src/assets/ when run from source, and the same
 * folder of the source tree when run from dist/apps/dashboard/src/assets/ (the build copies no assets).
 */
function publicDirectory(): string {
  const fromSource = join(__dirname, '..', '..', 'public');
  const fromDist = join(__dirname, '..', '..', '..', '..', '..', 'apps', 'dashboard', 'public');
  const candidates = [fromSource, fromDist];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error(`dashboard page not found in ${candidates.join(' or ')}`);
  return found;
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
