import type { Plugin } from 'vite';

export const CLI_RESERVE_BYTES: number;
export function patchSqlJs(code: string, options?: { name?: string; reserveBytes?: number; hostFile?: boolean }): string;
export function sqlJsFiles(root: string): { js: string; wasm: string };
export function sqlJsPatchPlugin(): Plugin;
