import type { Plugin } from 'vite';

export function patchMemfsGrowth(code: string, name?: string): string;
export function sqlJsFiles(root: string): { js: string; wasm: string };
export function sqlJsGrowthPlugin(): Plugin;
