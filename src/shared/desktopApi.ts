/**
 * The one API the sandboxed preload exposes to the renderer (as `window.trailhound`), typed once
 * and shared. Files to import are chosen through <input type=file> (a native dialog in Electron)
 * and read in the worker, so no file bytes cross IPC except the case being saved.
 */
export type MenuCommand = 'open-files' | 'open-folder' | 'open-case' | 'save-case-as' | 'open-sample' | 'toggle-time-zone';

export const MENU_COMMANDS: readonly MenuCommand[] = ['open-files', 'open-folder', 'open-case', 'save-case-as', 'open-sample', 'toggle-time-zone'];

/** True for a value that is one of the menu commands (checked where it crosses a process boundary). */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** The IPC channels between main and preload; nothing else is listened to. */
export const IPC_CHANNELS = {
  /** renderer -> main, invoke: (bytes: Uint8Array, suggestedName: string) => Result<string | null> */
  saveCaseAs: 'trailhound:save-case-as',
  /** renderer -> main, invoke: (bytes: Uint8Array) => Result<string | null>; writes to the window's current case file */
  saveCase: 'trailhound:save-case',
  /** renderer -> main, invoke: (path: string) => Result<string | null>; the case file just opened becomes the current one */
  adoptCase: 'trailhound:adopt-case',
  /** main -> renderer: (command: MenuCommand) */
  menuCommand: 'trailhound:menu-command',
} as const;

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface DesktopApi {
  /** Asks where to save (native dialog) and writes the case atomically (temp file, then rename). Resolves to the path, or null when the user cancelled. */
  saveCaseAs(bytes: Uint8Array, suggestedName: string): Promise<Result<string | null>>;
  /**
   * Writes the case atomically over the window's current case file: the last one chosen in Save as
   * or opened. Resolves to its path, or null when the window has none yet (the autosave then waits
   * for a Save as). The renderer never names the path, so it cannot write anywhere else.
   */
  saveCase(bytes: Uint8Array): Promise<Result<string | null>>;
  /** Makes the case file the user just opened the current one (its path is read from the File in the preload). */
  caseOpened(file: File): Promise<Result<string | null>>;
  /** Subscribes to the application menu; returns the unsubscribe function. */
  onMenuCommand(handler: (command: MenuCommand) => void): () => void;
}

declare global {
  interface Window {
    /** Present in the desktop app only; the browser build falls back to downloads and file inputs. */
    trailhound?: DesktopApi;
  }
}
