import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { portablePlatform } from '../platform/portable';
import { CaseStore } from '../store/caseStore';

let sql: Promise<SqlJsStatic> | null = null;

/** The real sql.js engine, loaded once per test file. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sql ??= initSqlJs();
  return sql;
}

/** A fresh empty case on the real engine with the portable platform. */
export async function newTestCase(): Promise<CaseStore> {
  return CaseStore.create(await loadSqlJs(), portablePlatform);
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
