import { basename, join } from 'node:path';
import type { Result } from '../shared/desktopApi';
import { validateSaveCaseArgs } from './saveCaseArgs';

export interface SaveCaseDeps {
  /** Shows the native save dialog; resolves to the chosen path, or null when cancelled. */
  askPath(defaultPath: string): Promise<string | null>;
  /** The atomic write (src/node/atomicWrite.ts in the app). */
  write(path: string, bytes: Uint8Array): Promise<void>;
  /** Where the dialog opens (the user's documents folder). */
  defaultDir: string;
}

/** Options of the native save dialog: overwriting asks first. */
export function saveDialogOptions(defaultPath: string): { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[]; properties: ('createDirectory' | 'showOverwriteConfirmation')[] } {
  return {
    title: 'Save case as',
    defaultPath,
    filters: [{ name: 'Trailhound case (SQLite)', extensions: ['sqlite', 'db', 'trailhound'] }, { name: 'All files', extensions: ['*'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/**
 * The main-process side of DesktopApi.saveCaseAs: validates the arguments, asks where to save,
 * writes atomically. Every outcome is a Result; nothing throws across IPC.
 */
export async function saveCaseAs(bytes: unknown, suggestedName: unknown, deps: SaveCaseDeps): Promise<Result<string | null>> {
  const args = validateSaveCaseArgs(bytes, suggestedName);
  if (!args.ok) return args;
  const target = await deps.askPath(join(deps.defaultDir, args.value.name));
  if (!target) return { ok: true, value: null };
  try {
    await deps.write(target, args.value.bytes);
    return { ok: true, value: target };
  } catch (err) {
    return { ok: false, error: `could not save ${basename(target)}: ${(err as Error).message}` };
  }
}
