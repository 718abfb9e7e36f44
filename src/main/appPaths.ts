import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPaths {
  /** The sandboxed preload: one CommonJS file (see electron.vite.config.ts). */
  preload: string;
  indexHtml: string;
  /** The only URL the window may show; navigation anywhere else is refused. */
  indexUrl: string;
}

/** Where the built pieces sit relative to the built main process (out/main). */
export function appPaths(mainDir: string): AppPaths {
  const indexHtml = join(mainDir, '..', 'renderer', 'index.html');
  return { preload: join(mainDir, '..', 'preload', 'index.cjs'), indexHtml, indexUrl: pathToFileURL(indexHtml).href };
}
