import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { sqlJsPatchPlugin } from './scripts/sqljs-patch.mjs';

export default defineConfig({
  // ES module (package.json "type": "module"): out/main/index.js, the package's "main".
  main: {
    build: { outDir: 'out/main', rollupOptions: { input: resolve(__dirname, 'src/main/index.ts') } },
  },
  // A sandboxed preload cannot be an ES module nor load other files: one CommonJS file
  // (out/preload/index.cjs, named in src/main/appPaths.ts) that requires only `electron`.
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: resolve(__dirname, 'src/preload/index.ts'),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    // Relative asset URLs: the same build loads from file:// in Electron and over http in the browser.
    base: './',
    plugins: [svelte({ configFile: resolve(__dirname, 'svelte.config.js') }), sqlJsPatchPlugin()],
    // The engine's worker is its own bundle: it gets the patched sql.js too.
    worker: { format: 'es', plugins: () => [sqlJsPatchPlugin()] },
    build: { outDir: resolve(__dirname, 'out/renderer'), rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') } },
  },
});
