import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../shared/desktopApi';
import { buildMenuTemplate } from './menuTemplate';

const submenu = (item: MenuItemConstructorOptions): MenuItemConstructorOptions[] => item.submenu as MenuItemConstructorOptions[];
const find = (menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions => menu.find((m) => m.label === label) as MenuItemConstructorOptions;

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Window menus, the app menu first on macOS', () => {
    const linux = buildMenuTemplate(() => undefined, 'linux', false);
    expect(linux.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu']);
    expect(buildMenuTemplate(() => undefined, 'darwin', false)[0].role).toBe('appMenu');
  });

  it('sends each menu command to the renderer, every command reachable', () => {
    const sent: MenuCommand[] = [];
    const menu = buildMenuTemplate((c) => sent.push(c), 'linux', false);
    const ours = [...submenu(find(menu, 'File')), ...submenu(find(menu, 'View'))].filter((i) => i.label && i.click);
    expect(ours.map((i) => i.label)).toEqual(['Open files…', 'Open folder…', 'Open case…', 'Save case as…', 'Open sample data', 'Toggle UTC/local time']);
    for (const item of ours) (item.click as () => void)();
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('offers reload and DevTools only in development', () => {
    const roles = (dev: boolean): unknown[] => submenu(find(buildMenuTemplate(() => undefined, 'linux', dev), 'View')).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
