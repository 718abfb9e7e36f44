import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The command that downloads Electron's binary after an offline install (or one with scripts blocked). */
export const ELECTRON_INSTALL_COMMAND = 'node node_modules/electron/install.js';

/**
 * Where the Electron binary is, or null when it is not installed. Mirrors electron/index.js:
 * path.txt, written by its install script, names the binary inside dist/ (an override folder
 * may replace dist/). Checked without requiring `electron`, which throws when it is missing.
 */
export function locateElectronBinary(electronPackageDir: string, env: Readonly<Record<string, string | undefined>> = {}): string | null {
  const pathFile = join(electronPackageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!relative && !override) return null;
  const binary = override ? join(override, relative || 'electron') : join(electronPackageDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

/** The one line `npm start` prints where the desktop app cannot start. */
export function browserFallbackNotice(): string {
  return `Electron's binary is not installed here, so Trailhound opens in your browser instead (to get the desktop app, fetch it with: ${ELECTRON_INSTALL_COMMAND})`;
}
