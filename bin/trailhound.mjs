#!/usr/bin/env node
// `npx trailhound`: runs the bundled CLI, first (re)building it with esbuild when it is missing
// or older than its sources, so that a fresh clone needs no build step to remember.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(ROOT, 'out', 'cli', 'trailhound.mjs');
/** The CLI (its launcher, itself) and the worker thread it parses logs in. */
const OWN_BUNDLES = ['trailhound', 'cli', 'parse-worker'];
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
  const bundles = OWN_BUNDLES.map((name) => join(ROOT, 'out', 'cli', `${name}.mjs`));
  if (!bundles.every((b) => existsSync(b))) return true;
  const built = Math.min(...bundles.map((b) => statSync(b).mtimeMs));
  // A packaged install has no sources: its bundle is the truth.
  return SOURCES.some((dir) => newestSourceTime(dir) > built) || statSync(join(ROOT, 'package.json')).mtimeMs > built;
}

if (isStale()) {
  try {
    const { buildCli } = await import(pathToFileURL(join(ROOT, 'scripts', 'build-cli.mjs')).href);
    await buildCli({ quiet: true, only: OWN_BUNDLES });
  } catch (err) {
    if (!existsSync(BUNDLE)) {
      console.error(`trailhound: cannot build the CLI: ${err.message}`);
      process.exit(70);
    }
    console.error(`trailhound: warning: running an older build (rebuilding failed: ${err.message})`);
  }
}
if (process.env.TRAILHOUND_DEBUG) process.setSourceMapsEnabled(true);
await import(pathToFileURL(BUNDLE).href);
