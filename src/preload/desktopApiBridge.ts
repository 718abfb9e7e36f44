import { IPC_CHANNELS, isMenuCommand, type DesktopApi, type MenuCommand, type Result } from '../shared/desktopApi';

/** The part of ipcRenderer the bridge uses (a fake in tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * The object exposed to the page as `window.trailhound`. It never hands the page ipcRenderer or
 * an IPC event (whose `sender` would open every channel), only these functions; and what
 * comes back from main is checked before the page sees it.
 */
export function createDesktopApi(ipc: IpcRendererLike, pathForFile: (file: File) => string = () => ''): DesktopApi {
  const invoke = async (channel: string, ...args: unknown[]): Promise<Result<string | null>> => {
    try {
      return (await ipc.invoke(channel, ...args)) as Result<string | null>;
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
  return {
    saveCase: (bytes: Uint8Array) => invoke(IPC_CHANNELS.saveCase, bytes),
    async caseOpened(file: File): Promise<Result<string | null>> {
      let path = '';
      try {
        // Only a File the user picked or dropped has a path; one built by the page has none.
        path = pathForFile(file);
      } catch {
        path = '';
      }
      return path ? invoke(IPC_CHANNELS.adoptCase, path) : { ok: true, value: null };
    },
    async saveCaseAs(bytes: Uint8Array, suggestedName: string): Promise<Result<string | null>> {
      try {
        return (await ipc.invoke(IPC_CHANNELS.saveCaseAs, bytes, suggestedName)) as Result<string | null>;
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
    onMenuCommand(handler: (command: MenuCommand) => void): () => void {
      const listener = (_event: unknown, command: unknown): void => {
        if (isMenuCommand(command)) handler(command);
      };
      ipc.on(IPC_CHANNELS.menuCommand, listener);
      return () => void ipc.removeListener(IPC_CHANNELS.menuCommand, listener);
    },
  };
}
