// The Electron main process: wiring only. Every decision (window options, navigation, CSP,
// permissions, IPC validation, the atomic save, the menu) is a plain function in a file that
// does not import electron, and is unit-tested there.
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { open } from 'node:fs/promises';
import { writeFileAtomic } from '../node/atomicWrite';
import { IPC_CHANNELS, type MenuCommand } from '../shared/desktopApi';
import { appPaths } from './appPaths';
import { CurrentCases, saveToCurrentCase, validateOpenedCasePath } from './currentCase';
import { buildMenuTemplate } from './menuTemplate';
import { saveCaseAs, saveDialogOptions } from './saveCaseAs';
import { isAllowedNavigation, isPermissionGranted, isTrustedSender, windowOpenDecision, withContentSecurityPolicy } from './securityPolicy';
import { appWindowOptions } from './windowOptions';

const paths = appPaths(import.meta.dirname);
let mainWindow: BrowserWindow | null = null;
/** Where each window's autosave writes: only paths the user chose in Save as or opened. */
const currentCases = new CurrentCases();

// Every renderer sandboxed, whatever a window's own options say.
app.enableSandbox();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, paths.indexUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, paths.indexUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenDecision);
});

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }));
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
}

function sendMenuCommand(command: MenuCommand): void {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
  if (!target) return;
  // A menu click gives the page no user activation, and Chromium refuses to open a file chooser
  // without one: an empty script run with userGesture grants it before the command arrives.
  void target.webContents
    .executeJavaScript('void 0', true)
    .catch(() => undefined)
    .then(() => target.webContents.send(IPC_CHANNELS.menuCommand, command));
}

ipcMain.handle(IPC_CHANNELS.saveCaseAs, async (event, bytes: unknown, name: unknown) => {
  if (!isTrustedSender(event.senderFrame?.url, paths.indexUrl)) return { ok: false, error: 'refused: not the app page' };
  const owner = BrowserWindow.fromWebContents(event.sender);
  const result = await saveCaseAs(bytes, name, {
    askPath: async (defaultPath) => {
      const options = saveDialogOptions(defaultPath);
      const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return choice.canceled || !choice.filePath ? null : choice.filePath;
    },
    write: writeFileAtomic,
    defaultDir: app.getPath('documents'),
  });
  if (result.ok && result.value) currentCases.set(event.sender.id, result.value);
  return result;
});

ipcMain.handle(IPC_CHANNELS.saveCase, async (event, bytes: unknown) => {
  if (!isTrustedSender(event.senderFrame?.url, paths.indexUrl)) return { ok: false, error: 'refused: not the app page' };
  return saveToCurrentCase(bytes, currentCases.get(event.sender.id), writeFileAtomic);
});

ipcMain.handle(IPC_CHANNELS.adoptCase, async (event, path: unknown) => {
  if (!isTrustedSender(event.senderFrame?.url, paths.indexUrl)) return { ok: false, error: 'refused: not the app page' };
  const checked = await validateOpenedCasePath(path, readHead);
  if (!checked.ok) return checked;
  currentCases.set(event.sender.id, checked.value);
  return { ok: true, value: checked.value };
});

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(length);
    await handle.read(buffer, 0, length, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}

async function createMainWindow(): Promise<void> {
  const win = new BrowserWindow(appWindowOptions(paths.preload));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  const contentsId = win.webContents.id;
  win.on('closed', () => {
    currentCases.forget(contentsId);
    if (mainWindow === win) mainWindow = null;
  });
  await win.loadFile(paths.indexHtml);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) void createMainWindow();
});

void app.whenReady().then(async () => {
  hardenSession();
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(sendMenuCommand, process.platform, !app.isPackaged)));
  await createMainWindow();
});
