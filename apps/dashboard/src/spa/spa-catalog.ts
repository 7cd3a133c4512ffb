import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';

/** The single-page apps the node web front serves, each under /<name>/ when it has been built. */
export const SPA_NAMES = ['h5', 'console'] as const;
export type SpaName = (typeof SPA_NAMES)[number];

export interface SpaFile {
  body: Buffer;
  /** Compressed at build time (tools/vite-compress.ts), when it was worth it. */
  br?: Buffer;
  gzip?: Buffer;
  contentType: string;
  cacheControl: string;
}

export interface Spa {
  name: SpaName;
  files: Map<string, SpaFile>;
  index: SpaFile;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Vite puts every content-hashed file under assets/: a new release has new names, so they are kept for a year. */
const HASHED = 'public, max-age=31536000, immutable';
/** The entry page names this release's files: fetched again every time. */
const ENTRY = 'no-store';
const OTHER = 'no-cache';

/**
 * dist/spa/<name>: where `npm run build` puts the app (apps/<name>/vite.config.ts), found by
 * walking up from this file — dist/apps/dashboard/src/spa in a build, apps/dashboard/src/spa from
 * the sources (tests), both below the folder that holds dist/.
 */
export function spaDirectory(name: SpaName, from = __dirname): string | undefined {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'spa', name), join(dir, 'dist', 'spa', name)]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
  }
  return undefined;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/** Every file of a built app, read once at start-up with its precompressed twins; nothing else can be asked for. */
export function loadSpa(name: SpaName, dir: string): Spa {
  const files = new Map<string, SpaFile>();
  const all = new Set(filesBelow(dir));
  for (const path of all) {
    const contentType = CONTENT_TYPES[extname(path)];
    if (!contentType) continue;
    const key = relative(dir, path).split(sep).join('/');
    const file: SpaFile = {
      body: readFileSync(path),
      contentType,
      cacheControl: key === 'index.html' ? ENTRY : key.startsWith('assets/') ? HASHED : OTHER,
    };
    if (all.has(`${path}.br`)) file.br = readFileSync(`${path}.br`);
    if (all.has(`${path}.gz`)) file.gzip = readFileSync(`${path}.gz`);
    files.set(key, file);
  }
  return { name, files, index: files.get('index.html')! };
}

/**
 * The built apps of this installation (or of `root`/<name>, tests); an app not built (the
 * console before its stream lands) is simply absent.
 */
export function loadSpas(root?: string): Map<SpaName, Spa> {
  const spas = new Map<SpaName, Spa>();
  for (const name of SPA_NAMES) {
    const dir = root ? (existsSync(join(root, name, 'index.html')) ? join(root, name) : undefined) : spaDirectory(name);
    if (dir) spas.set(name, loadSpa(name, dir));
  }
  return spas;
}

/**
 * What /<spa>/<path> answers: the file, or — for a path without a file extension — the entry
 * page (history routing: /h5/s/<station> is a route of the app, not a file). A missing file
 * with an extension is a 404, so a stale hashed asset never comes back as HTML.
 */
export function resolveSpaPath(spa: Spa, path: string): SpaFile | undefined {
  const file = spa.files.get(path);
  if (file) return file;
  const last = path.split('/').pop() ?? '';
  return last.includes('.') ? undefined : spa.index;
}
