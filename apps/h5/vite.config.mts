import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { VantResolver } from '@vant/auto-import-resolver';
import Components from 'unplugin-vue-components/vite';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from '../../tools/vite-precompress.mts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Vant's icon font is a data: URL with a fallback on Alibaba's CDN, which Chromium was seen to
 * fetch as well: the fallback is cut, so nothing leaves the node.
 */
const noCdnFonts: Plugin = {
  name: 'ws-no-cdn-fonts',
  enforce: 'pre',
  transform(code, id) {
    if (!/vant[\\/].*\.css$/.test(id) || !code.includes('alicdn.com')) return undefined;
    return { code: code.replace(/,\s*url\((["']?)(https?:)?\/\/at\.alicdn\.com\/[^)]*\)\s*format\((["'])woff\3\)/g, ''), map: null };
  },
};

/**
 * 职工端 (worker pages): built by `npm run build` into dist/spa/h5, served by every node's web
 * front under /h5/ (apps/dashboard, spa-catalog.ts). Vant components are imported one by one
 * with their styles (the resolver), so the first screen carries only what it uses.
 */
export default defineConfig({
  root: here('.'),
  base: '/h5/',
  plugins: [noCdnFonts, vue(), Components({ resolvers: [VantResolver()], dts: false }), precompress()],
  build: {
    outDir: here('../../dist/spa/h5'),
    emptyOutDir: true,
    target: 'es2020',
    // No inline <script>/<style> and no data: URLs for our own assets: the page holds under a strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
