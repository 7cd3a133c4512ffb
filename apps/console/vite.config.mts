import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';
import { precompress } from '../../tools/vite-precompress.mts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * 工作台 (the officers' console): built by `npm run build` into dist/spa/console, served by every
 * node's web front under /console/ (apps/dashboard, spa-catalog.ts). Element Plus components are
 * imported one by one with their CSS (the resolver); nothing is loaded from outside the node.
 */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }), precompress()],
  build: {
    outDir: here('../../dist/spa/console'),
    emptyOutDir: true,
    target: 'es2020',
    // No inline <script> and no data: URLs for our own assets: the page holds under a strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1500,
  },
});
