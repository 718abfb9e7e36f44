import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/desktopApi';

/** The app's own menu items, as data: label, the command sent to the renderer, shortcut. */
export const FILE_MENU: readonly { label: string; command: MenuCommand; accelerator?: string }[] = [
  { label: 'Open files…', command: 'open-files', accelerator: 'CmdOrCtrl+O' },
  { label: 'Open folder…', command: 'open-folder', accelerator: 'CmdOrCtrl+Shift+O' },
  { label: 'Open case…', command: 'open-case' },
  { label: 'Save case as…', command: 'save-case-as', accelerator: 'CmdOrCtrl+Shift+S' },
  { label: 'Open sample data', command: 'open-sample' },
];
export const VIEW_MENU: readonly { label: string; command: MenuCommand; accelerator?: string }[] = [
  { label: 'Toggle UTC/local time', command: 'toggle-time-zone', accelerator: 'CmdOrCtrl+Shift+T' },
];

/**
 * The application menu. Our items only send a command to the renderer, which owns the workflow
 * (file inputs, the worker); Edit and Window are Electron's standard roles. Reload and DevTools
 * exist only in development: a reload would silently drop the unsaved case.
 */
export function buildMenuTemplate(send: (command: MenuCommand) => void, platform: string, development: boolean): MenuItemConstructorOptions[] {
  const items = (list: typeof FILE_MENU): MenuItemConstructorOptions[] =>
    list.map(({ label, command, accelerator }) => ({ label, click: () => send(command), ...(accelerator ? { accelerator } : {}) }));
  const mac = platform === 'darwin';
  const [openFiles, openFolder, openCase, saveAs, sample] = items(FILE_MENU);
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [openFiles, openFolder, openCase, { type: 'separator' }, saveAs, { type: 'separator' }, sample, { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...items(VIEW_MENU),
      { type: 'separator' },
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(development ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }];
}
