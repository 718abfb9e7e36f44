// The sandboxed preload, bundled into one CommonJS file (out/preload/index.cjs) that requires
// only `electron`: it exposes the typed DesktopApi and nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createDesktopApi } from './desktopApiBridge';

contextBridge.exposeInMainWorld('trailhound', createDesktopApi(ipcRenderer, (file) => webUtils.getPathForFile(file)));
