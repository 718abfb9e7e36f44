import { describe, expect, it } from 'vitest';
import { appPaths } from './appPaths';
import { appWindowOptions } from './windowOptions';

describe('appWindowOptions', () => {
  it('isolates, sandboxes and denies Node to the renderer, with our preload', () => {
    const prefs = appWindowOptions('/app/out/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });
});

describe('appPaths', () => {
  it('finds the CommonJS preload and the renderer beside the built main process', () => {
    const paths = appPaths('/app/out/main');
    expect(paths).toEqual({
      preload: '/app/out/preload/index.cjs',
      indexHtml: '/app/out/renderer/index.html',
      indexUrl: 'file:///app/out/renderer/index.html',
    });
  });
});
