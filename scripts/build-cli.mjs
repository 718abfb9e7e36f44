// Bundles the Node-side entry points (the `trailhound` CLI, the benchmark, the web fallback's
// server) with esbuild into out/cli/*.mjs, and the binary's launcher into out/cli/trailhound.cjs
// (CommonJS: see src/cli/main.ts). Run by `prepare`, `build:cli`, `bench`, `start`, and by
// bin/trailhound.cjs whenever the bundle is missing or older than the sources.
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI_RESERVE_BYTES, patchSqlJs, sqlJsFiles } from './sqljs-patch.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT_DIR = join(ROOT, 'out', 'cli');
/** Sources the bundles are made of: a change under any of them makes the bundles stale. */
export const CLI_SOURCE_DIRS = ['src/cli', 'src/node', 'src/core', 'src/shared'].map((d) => join(ROOT, d));

/** Entries bundled as CommonJS (.cjs), by name. */
const COMMONJS_ENTRIES = new Set(['trailhound']);

/** Fixed entries (built when their source exists), then every file in src/cli/entries/. */
const FIXED_ENTRIES = [
  ['src/cli/main.ts', 'trailhound'],
  ['src/cli/bench.ts', 'bench'],
];

export function cliEntries() {
  const entries = FIXED_ENTRIES.filter(([src]) => existsSync(join(ROOT, src))).map(([src, name]) => ({ in: join(ROOT, src), out: name }));
  const extra = join(ROOT, 'src/cli/entries');
  if (existsSync(extra)) {
    for (const file of readdirSync(extra).sort()) {
      if (/\.ts$/.test(file) && !/\.test\.ts$/.test(file)) entries.push({ in: join(extra, file), out: basename(file, '.ts') });
    }
  }
  return entries;
}

/**
 * Builds every entry (or those named in `only`). Output files are written to a temp name and renamed, so that a CLI started
 * while another process rebuilds never runs a half-written bundle.
 */
export async function buildCli({ quiet = false, only = null } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('esbuild is not installed (a devDependency): run npm install, then npm run build:cli');
  }
  // `only` lets the CLI rebuild itself without depending on other entries compiling.
  const entries = cliEntries().filter((e) => !only || only.includes(e.out));
  const options = {
    absWorkingDir: ROOT,
    outdir: CLI_OUT_DIR,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // npm packages stay in node_modules (sql.js: a patched copy in out/cli/vendor/), see requiredCommonJs.
    packages: 'external',
    plugins: [requiredCommonJs],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: quiet ? 'silent' : 'warning',
    write: false,
  };
  const builds = [
    { format: 'esm', outExtension: { '.js': '.mjs' }, entryPoints: entries.filter((e) => !COMMONJS_ENTRIES.has(e.out)) },
    { format: 'cjs', outExtension: { '.js': '.cjs' }, entryPoints: entries.filter((e) => COMMONJS_ENTRIES.has(e.out)) },
  ].filter((b) => b.entryPoints.length > 0);
  const outputFiles = [];
  for (const build of builds) outputFiles.push(...(await esbuild.build({ ...options, ...build })).outputFiles);
  await mkdir(CLI_OUT_DIR, { recursive: true });
  await writeVendoredSqlJs();
  for (const file of outputFiles) {
    const temp = `${file.path}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(temp, file.contents);
      await rename(temp, file.path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }
  if (!quiet) console.error(`built ${entries.map((e) => `out/cli/${e.out}.${COMMONJS_ENTRIES.has(e.out) ? 'cjs' : 'mjs'}`).join(', ')}`);
  return entries;
}

/**
 * CommonJS modules the bundles load through require, by their specifier: sql.js as the patched
 * copy in out/cli/vendor/ (beside its wasm), papaparse from node_modules. Imported as ES modules,
 * Node would first lex each to find its exports, in every process and worker thread, and that
 * lexer grows hot enough to be compiled by TurboFan in each: a fifth of a second of CPU per import.
 */
const REQUIRED = { 'sql.js': './vendor/sql-wasm.cjs', papaparse: 'papaparse' };

const requiredCommonJs = {
  name: 'required-commonjs',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(REQUIRED).map((k) => k.replace('.', '\\.')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'required-commonjs' }));
    build.onLoad({ filter: /.*/, namespace: 'required-commonjs' }, (args) => ({
      contents: `import { createRequire } from 'node:module';\nexport default createRequire(import.meta.url)(${JSON.stringify(REQUIRED[args.path])});\n`,
      loader: 'js',
    }));
  },
};

async function writeVendoredSqlJs() {
  const { js, wasm } = sqlJsFiles(ROOT);
  const dir = join(CLI_OUT_DIR, 'vendor');
  await mkdir(dir, { recursive: true });
  const patched = patchSqlJs(await readFile(js, 'utf8'), { name: js, reserveBytes: CLI_RESERVE_BYTES, hostFile: true });
  const temp = join(dir, `sql-wasm.cjs.${process.pid}.tmp`);
  await writeFile(temp, patched);
  await rename(temp, join(dir, 'sql-wasm.cjs'));
  await copyFile(wasm, join(dir, 'sql-wasm.wasm'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    await buildCli();
  } catch (err) {
    console.error(`build-cli: ${err.message}`);
    process.exitCode = 1;
  }
}
