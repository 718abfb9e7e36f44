import { describe, expect, it } from 'vitest';
import { portablePlatform } from '../platform/portable';
import { queryRows } from '../query/sqlRows';
import { loadSqlJs } from '../testing/helpers';
import { CaseFileError, CaseStore } from './caseStore';
import { CASE_APPLICATION, MIGRATIONS, SCHEMA_VERSION } from './schema';

/** The bytes of a case as an older Trailhound wrote it: the first `version` migrations only. */
async function caseAtVersion(version: number): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  for (const step of MIGRATIONS.slice(0, version).flat()) db.run(step);
  db.run('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)', ['application', CASE_APPLICATION, 'schema_version', String(version)]);
  const bytes = db.export();
  db.close();
  return bytes;
}

const tables = (store: CaseStore): string[] =>
  queryRows(store.db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").rows.map((r) => String(r[0]));

describe('case migrations', () => {
  it('numbers one migration per schema version', () => {
    expect(MIGRATIONS.length).toBe(SCHEMA_VERSION);
  });

  it('opens a version 1 case through the migrations, adding findings and the activity log', async () => {
    const store = CaseStore.open(await loadSqlJs(), portablePlatform, await caseAtVersion(1));
    expect(tables(store)).toEqual(expect.arrayContaining(['findings', 'finding_events', 'activity_log']));
    expect(queryRows(store.db, "SELECT value FROM meta WHERE key = 'schema_version'").rows[0][0]).toBe(String(SCHEMA_VERSION));
    store.close();
  });

  it('refuses a severity outside the five levels and tags that are not a JSON array', async () => {
    const store = CaseStore.create(await loadSqlJs(), portablePlatform);
    const insert = (severity: string, tags: string): unknown =>
      store.db.run('INSERT INTO findings (created_at, updated_at, severity, tags) VALUES (0, 0, ?, ?)', [severity, tags]);
    expect(() => insert('urgent', '[]')).toThrow(/CHECK/);
    expect(() => insert('high', '{"a":1}')).toThrow(/CHECK/);
    expect(() => insert('high', '["persistence"]')).not.toThrow();
    store.close();
  });

  it('refuses a case from a newer Trailhound with a clear message', async () => {
    const bytes = await caseAtVersion(SCHEMA_VERSION);
    const SQL = await loadSqlJs();
    const db = new SQL.Database(bytes);
    db.run("UPDATE meta SET value = ? WHERE key = 'schema_version'", [String(SCHEMA_VERSION + 1)]);
    const newer = db.export();
    db.close();
    expect(() => CaseStore.open(SQL, portablePlatform, newer)).toThrow(CaseFileError);
    expect(() => CaseStore.open(SQL, portablePlatform, newer)).toThrow(/newer Trailhound/);
  });
});
