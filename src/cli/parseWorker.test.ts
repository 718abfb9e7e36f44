import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import initSqlJs from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../core/store/caseStore';
import { authLog } from '../core/ingest/fixtures/sampleLogs';
import { generateAuditLines } from '../core/synth/auditGenerator';
import { nodePlatform } from '../node/nodePlatform';
import { parseWorkerScript } from '../node/parseWorker';
import { FIXTURES, makeTempDir, REAL_SAMPLE, REPO_ROOT, runBinary, runInProcess } from './cliTestHarness';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

/** A drop of every kind: each format's fixture, stages of one request split over rotated files, rejects, a cut-off .gz, a CSV mapping. */
function writeDrop(dir: string): { map: string } {
  mkdirSync(dir, { recursive: true });
  const formats = join(REPO_ROOT, 'src/core/formats/fixtures');
  for (const f of readdirSync(formats)) copyFileSync(join(formats, f), join(dir, f));
  copyFileSync(REAL_SAMPLE, join(dir, 'audit2rbac-demo.log'));
  copyFileSync(join(FIXTURES, 'audit-malformed-hostile.log'), join(dir, 'audit-malformed-hostile.log'));
  const cluster = join(dir, 'prod-eu-1/kube-apiserver');
  mkdirSync(cluster, { recursive: true });
  // Several batches and raw blocks per file, and a third of the requests in two stages.
  const lines = [...generateAuditLines({ seed: 7, lines: 9000, start: Date.UTC(2026, 10, 20), twoStageShare: 0.3 })];
  writeFileSync(join(cluster, 'audit-1.log.gz'), gzipSync(`${lines.slice(0, 4500).join('\n')}\n`));
  writeFileSync(join(cluster, 'audit.log'), `${lines.slice(4500).join('\r\n')}\r\nnot json at all\n`);
  const cut = gzipSync(`${lines.slice(0, 3000).join('\n')}\n`);
  writeFileSync(join(dir, 'cut.log.gz'), cut.subarray(0, Math.floor(cut.length * 0.6)));
  copyFileSync(join(REPO_ROOT, 'src/core/ingest/fixtures/vpn-sessions-eastern.csv'), join(dir, 'vpn.csv'));
  // Rotated auth logs of one host that overlap: the overlap is merged.
  const nodeDir = join(dir, 'prod-eu-1/nodes/wk-1');
  mkdirSync(nodeDir, { recursive: true });
  const auth = new TextDecoder().decode(authLog('wk-1', 300)).trimEnd().split('\n');
  writeFileSync(join(nodeDir, 'auth.log.1'), `${auth.slice(0, 200).join('\n')}\n`);
  writeFileSync(join(nodeDir, 'auth.log'), `${auth.slice(100).join('\n')}\n`);
  // UTF-16 with its BOM, binary data, an empty file.
  writeFileSync(join(dir, 'audit-utf16.log'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${lines.slice(0, 50).join('\r\n')}\r\n`, 'utf16le')]));
  writeFileSync(join(dir, 'core.bin'), Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(join(dir, 'empty.log'), '');
  const map = join(temp.dir, 'vpn-map.json');
  writeFileSync(map, JSON.stringify({ name: 'vpn', columns: { time: 'When', user: 'Who', src_ip: 'From', action: 'What' } }));
  return { map };
}

/** Everything a case holds about its events: rows, provenance without times, rejects, and every original record. */
async function contents(casePath: string): Promise<unknown> {
  const store = CaseStore.open(await initSqlJs(), nodePlatform, readFileSync(casePath));
  const all = (sql: string): unknown[] => store.db.exec(sql)[0]?.values ?? [];
  const events = all('SELECT * FROM events ORDER BY id');
  const raws: (string | null)[] = [];
  for (const [id] of all('SELECT id FROM events ORDER BY id') as [number][]) raws.push(await store.rawRecord(id));
  const result = {
    events,
    raws,
    files: all('SELECT id, path, size, sha256, format, lines, events, merged, rejected, blank, status, reason, cluster, node FROM files ORDER BY id'),
    rejects: all('SELECT file_id, line, reason, excerpt FROM rejects ORDER BY file_id, line'),
    // By value: string ids are numbered in the order strings are first stored, which batching changes.
    minutes: all(`SELECT m.minute, so.value, v.value, m.status_code, c.value, sum(m.n) FROM event_minutes m
      LEFT JOIN strings so ON so.id = m.source_id LEFT JOIN strings v ON v.id = m.verb_id LEFT JOIN strings c ON c.id = m.cluster_id
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(m.n) != 0 ORDER BY 1, 2, 3, 4, 5`),
  };
  store.close();
  return result;
}

describe('parsing in the CLI worker thread', () => {
  it('stores exactly what parsing on the main thread stores', async () => {
    const drop = join(temp.dir, 'drop');
    const { map } = writeDrop(drop);
    const args = (casePath: string): string[] => ['import', drop, '--case', casePath, '--csv-map', map, '--year', '2025', '--utc-offset', 'authlog=+01:00'];
    // The bundled binary parses in its worker; run from sources, the CLI has no worker script beside it.
    const viaWorker = runBinary(args(join(temp.dir, 'worker.sqlite')));
    const inThread = await runInProcess(args(join(temp.dir, 'thread.sqlite')));
    expect(viaWorker.code).toBe(1);
    expect(parseWorkerScript(pathToFileURL(join(REPO_ROOT, 'out/cli/trailhound.cjs')).href)).not.toBeNull();
    expect(inThread.code).toBe(1);
    const worker = (await contents(join(temp.dir, 'worker.sqlite'))) as Record<'events' | 'raws' | 'rejects' | 'minutes', unknown[]> & { files: unknown[][] };
    expect(worker.events.length).toBeGreaterThan(6000);
    expect(worker.files.some((f) => f[10] === 'partial')).toBe(true);
    expect(worker.files.some((f) => Number(f[7]) > 1000)).toBe(true);
    expect(worker.rejects.length).toBeGreaterThan(5);
    const file = (name: string): unknown[] | undefined => worker.files.find((f) => String(f[1]).endsWith(name));
    const [lines, events, merged, rejected, blank, status] = file('audit-utf16.log')?.slice(5, 11) ?? [];
    expect({ lines, kept: Number(events) + Number(merged), rejected, blank, status }).toEqual({ lines: 50, kept: 50, rejected: 0, blank: 0, status: 'complete' });
    expect(file('core.bin')?.slice(10, 12)).toEqual(['skipped', expect.stringMatching(/^binary data/)]);
    expect(file('empty.log')?.slice(10, 12)).toEqual(['skipped', 'empty file']);
    expect(file('wk-1/auth.log.1')?.slice(5, 8)).toEqual([200, 100, 100]);
    const thread = (await contents(join(temp.dir, 'thread.sqlite'))) as typeof worker;
    // Part by part, so that a difference names its part.
    for (const part of ['files', 'rejects', 'events', 'raws', 'minutes'] as const) expect({ [part]: worker[part] }).toEqual({ [part]: thread[part] });
  });
});
