import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type MenuCommand } from '../shared/desktopApi';
import { createDesktopApi, type IpcRendererLike } from './desktopApiBridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(reply: (channel: string, args: unknown[]) => Promise<unknown>): IpcRendererLike & { listeners: Map<string, Set<Listener>> } {
  const listeners = new Map<string, Set<Listener>>();
  return {
    listeners,
    invoke: (channel, ...args) => reply(channel, args),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
}

describe('createDesktopApi', () => {
  it('exposes exactly saveCaseAs, saveCase, caseOpened and onMenuCommand', () => {
    expect(Object.keys(createDesktopApi(fakeIpc(async () => null))).sort()).toEqual(['caseOpened', 'onMenuCommand', 'saveCase', 'saveCaseAs']);
  });

  it('saves to the current case without naming a path, and adopts an opened file by the path the preload reads', async () => {
    const calls: unknown[][] = [];
    const ipc = fakeIpc(async (channel, args) => (calls.push([channel, ...args]), { ok: true, value: '/cases/a.sqlite' }));
    const paths = new Map<unknown, string>();
    const api = createDesktopApi(ipc, (file) => paths.get(file) ?? '');
    const bytes = new Uint8Array([1]);
    expect(await api.saveCase(bytes)).toEqual({ ok: true, value: '/cases/a.sqlite' });
    const picked = new File(['x'], 'a.sqlite');
    paths.set(picked, '/cases/a.sqlite');
    expect(await api.caseOpened(picked)).toEqual({ ok: true, value: '/cases/a.sqlite' });
    // A File built by the page has no path: nothing is sent.
    expect(await api.caseOpened(new File(['x'], 'b.sqlite'))).toEqual({ ok: true, value: null });
    expect(calls).toEqual([[IPC_CHANNELS.saveCase, bytes], [IPC_CHANNELS.adoptCase, '/cases/a.sqlite']]);
    const throwing = createDesktopApi(ipc, () => { throw new TypeError('not a File'); });
    expect(await throwing.caseOpened(picked)).toEqual({ ok: true, value: null });
  });

  it('invokes the save channel with the bytes and name, and turns a failure into a Result', async () => {
    const calls: unknown[][] = [];
    const api = createDesktopApi(fakeIpc(async (channel, args) => (calls.push([channel, ...args]), { ok: true, value: '/x/case.sqlite' })));
    const bytes = new Uint8Array([1]);
    expect(await api.saveCaseAs(bytes, 'case.sqlite')).toEqual({ ok: true, value: '/x/case.sqlite' });
    expect(calls).toEqual([[IPC_CHANNELS.saveCaseAs, bytes, 'case.sqlite']]);
    const failing = createDesktopApi(fakeIpc(async () => { throw new Error('no handler'); }));
    expect(await failing.saveCaseAs(bytes, 'case.sqlite')).toEqual({ ok: false, error: 'no handler' });
  });

  it('passes on known menu commands only, without the IPC event, and unsubscribes', () => {
    const ipc = fakeIpc(async () => null);
    const got: unknown[][] = [];
    const off = createDesktopApi(ipc).onMenuCommand((...args: MenuCommand[]) => got.push(args));
    const emit = (...args: unknown[]): void => ipc.listeners.get(IPC_CHANNELS.menuCommand)?.forEach((l) => l({ sender: 'secret' }, ...args));
    emit('open-files');
    emit('rm -rf');
    emit({ toString: () => 'open-case' });
    expect(got).toEqual([['open-files']]);
    off();
    emit('open-case');
    expect(got).toHaveLength(1);
    expect(ipc.listeners.get(IPC_CHANNELS.menuCommand)?.size).toBe(0);
  });
});
