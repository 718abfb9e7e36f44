#!/usr/bin/env node
// `npx trailhound`: runs the bundled CLI, first (re)building it with esbuild when it is missing
// or older than its sources, so that a fresh clone needs no build step to remember. CommonJS, as
// is the bundle it runs: an ES module entry would start libuv's thread pool before the CLI sizes it.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = resolve(__dirname, '..');
/** The CLI's launcher (CommonJS), the CLI itself and the worker thread it parses logs in. */
const OWN_BUNDLES = { trailhound: 'trailhound.cjs', cli: 'cli.mjs', 'parse-worker': 'parse-worker.mjs' };
const BUNDLE = join(ROOT, 'out', 'cli', OWN_BUNDLES.trailhound);
const SOURCES = ['src/cli', 'src/node', 'src/core', 'src/shared'].map((d) => join(ROOT, d));

function newestSourceTime(dir) {
  let newest = 0;
  let entries = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  const bundles = Object.values(OWN_BUNDLES).map((file) => join(ROOT, 'out', 'cli', file));
  if (!bundles.every((b) => existsSync(b))) return true;
  const built = Math.min(...bundles.map((b) => statSync(b).mtimeMs));
  // A packaged install has no sources: its bundle is the truth.
  return SOURCES.some((dir) => newestSourceTime(dir) > built) || statSync(join(ROOT, 'package.json')).mtimeMs > built;
}

async function rebuild() {
  try {
    const { buildCli } = await import(pathToFileURL(join(ROOT, 'scripts', 'build-cli.mjs')).href);
    await buildCli({ quiet: true, only: Object.keys(OWN_BUNDLES) });
  } catch (err) {
    if (!existsSync(BUNDLE)) {
      console.error(`trailhound: cannot build the CLI: ${err.message}`);
      process.exit(70);
    }
    console.error(`trailhound: warning: running an older build (rebuilding failed: ${err.message})`);
  }
}

function run() {
  if (process.env.TRAILHOUND_DEBUG) process.setSourceMapsEnabled(true);
  require(BUNDLE);
}

if (isStale()) void rebuild().then(run);
else run();
