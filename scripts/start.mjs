// `npm start` and `npm run web`: builds the Node-side bundle, then hands over to startApp
// (src/node/startApp.ts), which launches Electron or, where its binary is missing, serves the UI
// to the browser. Options: --web, --port <n>, --out-dir <dir> (build output, default out/).
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCli } from './build-cli.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

try {
  await buildCli({ quiet: true, only: ['start-app'] });
  const { startApp } = await import(pathToFileURL(join(ROOT, 'out/cli/start-app.mjs')).href);
  process.exitCode = await startApp(process.argv.slice(2), ROOT);
} catch (err) {
  console.error(`start: ${err.message}`);
  process.exitCode = 1;
}
