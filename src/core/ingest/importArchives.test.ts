import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { queryObjects } from '../query/sqlRows';
import { newTestCase } from '../testing/helpers';
import { makeTar } from './fixtures/makeTar';
import { auditLog, authLog } from './fixtures/sampleLogs';
import { expectEveryRowBalanced, fileRows, rowByPath, sha256 } from './fixtures/testImport';
import { importFiles, type ImportProgress } from './importFiles';
import { inputFromBytes } from './input';

const MAR_6_2023 = Date.UTC(2023, 2, 6) / 1000;

/** A support bundle as collected from two clusters: audit logs (one rotated and gzipped) and nodes' auth.log. */
function bundleMembers() {
  return {
    euAudit: auditLog(1, 30),
    euRotated: gzipSync(auditLog(2, 20), { mtime: 0 }),
    euAuth: authLog('wk-1', 12),
    usAudit: auditLog(3, 25),
    usAuth: authLog('wk-7', 9),
  };
}

function bundleTar(): Uint8Array {
  const m = bundleMembers();
  return makeTar([
    { name: 'prod-eu-1/', type: 'directory' },
    { name: 'prod-eu-1/kube-apiserver/audit.log', bytes: m.euAudit },
    { name: 'prod-eu-1/kube-apiserver/audit-2024-03-04T10-00-00.000.log.gz', bytes: m.euRotated },
    { name: 'prod-eu-1/nodes/wk-1/auth.log', bytes: m.euAuth, mtime: MAR_6_2023 },
    { name: './prod-us-2/kube-apiserver/audit.log', bytes: m.usAudit },
    { name: 'prod-us-2/nodes/wk-7/auth.log', bytes: m.usAuth, mtime: MAR_6_2023 },
    { name: 'README.txt', bytes: strToU8('collected by the incident runbook\n') },
  ]);
}

describe('a .tar.gz holding several clusters, nodes and formats', async () => {
  const bundle = gzipSync(bundleTar());
  const store = await newTestCase();
  const progress: ImportProgress[] = [];
  const summary = await importFiles(store, [inputFromBytes('bundle.tar.gz', bundle, Date.UTC(2024, 2, 6))], { onProgress: (p) => void progress.push(p) });
  const m = bundleMembers();

  it('lists the archive as a row of its own, and each member under its path inside', () => {
    expect(fileRows(store).map((r) => [r.path, r.format, r.status])).toEqual([
      ['bundle.tar.gz', 'tar', 'complete'],
      ['bundle.tar.gz!prod-eu-1/kube-apiserver/audit.log', 'k8s-audit-json', 'complete'],
      ['bundle.tar.gz!prod-eu-1/kube-apiserver/audit-2024-03-04T10-00-00.000.log.gz', 'k8s-audit-json', 'complete'],
      ['bundle.tar.gz!prod-eu-1/nodes/wk-1/auth.log', 'syslog-rfc3164', 'complete'],
      ['bundle.tar.gz!prod-us-2/kube-apiserver/audit.log', 'k8s-audit-json', 'complete'],
      ['bundle.tar.gz!prod-us-2/nodes/wk-7/auth.log', 'syslog-rfc3164', 'complete'],
      ['bundle.tar.gz!README.txt', null, 'skipped'],
    ]);
    expect(summary.files.map((f) => f.path)).toEqual(fileRows(store).map((r) => r.path));
  });

  it('gives the archive its own size and hash and no lines, each member the size and hash of its bytes as stored', async () => {
    expect(rowByPath(store, 'bundle.tar.gz')).toMatchObject({ size: bundle.length, sha256: await sha256(bundle), lines: 0, events: 0 });
    expect(rowByPath(store, 'bundle.tar.gz!prod-eu-1/kube-apiserver/audit.log')).toMatchObject({ size: m.euAudit.length, sha256: await sha256(m.euAudit), lines: 30, events: 30 });
    const rotated = rowByPath(store, 'bundle.tar.gz!prod-eu-1/kube-apiserver/audit-2024-03-04T10-00-00.000.log.gz');
    expect(rotated).toMatchObject({ size: m.euRotated.length, sha256: await sha256(m.euRotated), lines: 20, events: 20 });
    expectEveryRowBalanced(store);
  });

  it('attributes cluster and node from the paths inside the archive', () => {
    expect(rowByPath(store, 'bundle.tar.gz!prod-eu-1/nodes/wk-1/auth.log')).toMatchObject({ cluster: 'prod-eu-1', node: 'wk-1' });
    const perCluster = queryObjects<{ cluster: string; source: string; n: number }>(store.db, 'SELECT cluster, source, count(*) AS n FROM events GROUP BY cluster, source ORDER BY cluster, source');
    expect(perCluster).toEqual([
      { cluster: 'prod-eu-1', source: 'authlog', n: 12 },
      { cluster: 'prod-eu-1', source: 'kube-audit', n: 50 },
      { cluster: 'prod-us-2', source: 'authlog', n: 9 },
      { cluster: 'prod-us-2', source: 'kube-audit', n: 25 },
    ]);
    const nodes = queryObjects<{ node: string }>(store.db, "SELECT DISTINCT node FROM events WHERE source = 'authlog' ORDER BY node");
    expect(nodes.map((r) => r.node)).toEqual(['wk-1', 'wk-7']);
  });

  it('dates syslog lines by the member mtime in the tar header', () => {
    const years = queryObjects<{ y: string }>(store.db, "SELECT DISTINCT strftime('%Y', ts / 1000, 'unixepoch') AS y FROM events WHERE source = 'authlog'");
    expect(years).toEqual([{ y: '2023' }]);
  });

  it('reports progress in bytes of the input as stored, up to its whole size', () => {
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ bytesRead: bundle.length, bytesTotal: bundle.length, fileIndex: 0 });
    expect(last.events).toBe(96);
    expect(progress.every((p, i) => i === 0 || p.bytesRead >= progress[i - 1].bytesRead)).toBe(true);
  });
});

describe('cancelling inside an archive', () => {
  it('leaves the member and its archive partial, and lists the inputs not reached', async () => {
    const tar = makeTar([{ name: 'first.log', bytes: auditLog(30, 20) }, { name: 'second.log', bytes: auditLog(31, 20) }, { name: 'third.log', bytes: auditLog(32, 20) }]);
    const controller = new AbortController();
    let t = 0;
    const store = await newTestCase();
    const summary = await importFiles(store, [inputFromBytes('a.tar.gz', gzipSync(tar)), inputFromBytes('b.log', auditLog(33, 5))], {
      signal: controller.signal,
      now: () => (t += 1000),
      onProgress: (p) => {
        if (p.path === 'a.tar.gz!second.log') controller.abort();
      },
    });
    expect(summary.cancelled).toBe(true);
    expect(fileRows(store).map((r) => [r.path, r.status, r.reason])).toEqual([
      ['a.tar.gz', 'partial', 'import cancelled by the user'],
      ['a.tar.gz!first.log', 'complete', null],
      ['a.tar.gz!second.log', 'partial', expect.stringMatching(/^import cancelled by the user after line \d+$/)],
      ['b.log', 'skipped', 'import cancelled before this file'],
    ]);
    expectEveryRowBalanced(store);
  });
});
