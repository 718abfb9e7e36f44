import { IPC_CHANNELS, isMenuCommand, type DesktopApi, type MenuCommand, type Result } from '../shared/desktopApi';

/** The part of ipcRenderer the bridge uses (a fake in tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * The object exposed to the page as `window.trailhound`. It never hands the page ipcRenderer or
 * an IPC event (whose `sender` would open every channel), only these two functions; and what
 * comes back from main is checked before the page sees it.
 */
export function createDesktopApi(ipc: IpcRendererLike): DesktopApi {
  return {
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
