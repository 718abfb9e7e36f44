import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'zlib', 'child_process', 'worker_threads', 'stream', 'url', 'util'];

/** Where code runs decides what it may import (see ../shared/STYLE.md): the layering is a lint rule. */
const layer = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'svelte/no-at-html-tags': 'error',
    },
  },
  {
    // CommonJS on purpose (see bin/trailhound.cjs).
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  layer(['src/core/**/*.ts'], ['electron', 'svelte', 'svelte/*', ...NODE_BUILTINS, '**/renderer/**', '**/cli/**', '**/main/**', '**/worker/**'],
    'src/core is plain TypeScript: no electron, svelte, DOM or Node built-ins (it runs in the CLI, the tests and a Web Worker).'),
  {
    files: ['src/core/**/*.test.ts', 'src/core/testing/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/core/testing/**'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', 'require'] },
  },
  layer(['src/worker/**/*.ts'], ['electron', 'svelte', 'svelte/*', ...NODE_BUILTINS, '**/renderer/**', '**/cli/**', '**/main/**'],
    'src/worker runs in a Web Worker: core and browser APIs only.'),
  layer(['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'], ['electron', ...NODE_BUILTINS, '**/cli/**', '**/main/**', '**/core/store/*', '**/core/ingest/*'],
    'The renderer talks to the engine through the worker protocol; no Node, no electron.'),
  layer(['src/preload/**/*.ts'], [...NODE_BUILTINS, 'svelte', '**/core/**', '**/renderer/**', '**/cli/**'],
    'The sandboxed preload may use only electron renderer modules and the shared API types.'),
  layer(['src/node/**/*.ts'], ['electron', 'svelte', 'svelte/*', '**/renderer/**', '**/cli/**', '**/main/**', '**/worker/**'],
    'src/node holds Node helpers shared by the CLI and the main process: no electron, no UI.'),
  layer(['src/main/**/*.ts'], ['svelte', 'svelte/*', '**/renderer/**', '**/cli/**', '**/worker/**'],
    'The main process is a thin shell: no UI code, no CLI.'),
  layer(['src/cli/**/*.ts'], ['electron', 'svelte', 'svelte/*', '**/renderer/**', '**/main/**'],
    'The CLI is Node over the core: no electron, no svelte.'),
);
