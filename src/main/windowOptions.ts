import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window. Every webPreference that matters for security is spelled out, not left to
 * defaults that have changed between Electron versions: the renderer shows attacker-controlled
 * log text, so it gets no Node, a sandbox, an isolated preload world and no webviews.
 */
export function appWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Trailhound',
    // Shown on ready-to-show: no white flash before the UI paints.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file dropped outside the drop zone must not replace the app with its contents.
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
