import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { queryNumber } from '../query/sqlRows';
import { concat } from './byteReader';
import { makeTar } from './fixtures/makeTar';
import { withOverlappingEntry } from './fixtures/makeZip';
import { auditLog } from './fixtures/sampleLogs';
import { fileRows, importOne, rowByPath } from './fixtures/testImport';

const audit = auditLog(11, 40);

/** 200 MiB of zeros in 571 bytes: 200 gzip members of 1 MiB of zeros each, gzipped again. */
function zerosBomb(): Uint8Array {
  const one = gzipSync(new Uint8Array(1 << 20), { level: 9, mtime: 0 });
  return gzipSync(concat(...Array<Uint8Array>(200).fill(one)), { level: 9, mtime: 0 });
}

describe('entries whose names climb out of the archive or are absolute', () => {
  const names = ['../../etc/cron.d/evil', '/etc/passwd', 'logs/../../escape.log', 'C:\\Windows\\evil.log'];

  it('are skipped with the reason, never used as paths, and the rest of the tar is read', async () => {
    const tar = makeTar([...names.map((name) => ({ name, bytes: audit })), { name: 'prod-eu-1/kube-apiserver/audit.log', bytes: audit }]);
    const store = await importOne('evil.tar', tar);
    const rows = fileRows(store);
    expect(rows.slice(1, 5).map((r) => [r.path, r.status, r.reason])).toEqual([
      ['evil.tar!(entry 1: unsafe name)', 'skipped', 'unsafe path in archive: "../../etc/cron.d/evil" (climbs out of the archive with ..)'],
      ['evil.tar!(entry 2: unsafe name)', 'skipped', 'unsafe path in archive: "/etc/passwd" (absolute path)'],
      ['evil.tar!(entry 3: unsafe name)', 'skipped', 'unsafe path in archive: "logs/../../escape.log" (climbs out of the archive with ..)'],
      ['evil.tar!(entry 4: unsafe name)', 'skipped', 'unsafe path in archive: "C:\\\\Windows\\\\evil.log" (absolute path)'],
    ]);
    expect(rows.slice(1, 5).every((r) => r.cluster === null && r.events === 0)).toBe(true);
    expect(rowByPath(store, 'evil.tar!prod-eu-1/kube-apiserver/audit.log')).toMatchObject({ status: 'complete', events: 40 });
    expect(rowByPath(store, 'evil.tar')).toMatchObject({ status: 'complete' });
  });

  it('are skipped in a zip too (backslashes count as separators)', async () => {
    const zip = zipSync({ '..\\..\\evil.log': audit, '/abs.log': audit, 'ok/audit.log': audit });
    const store = await importOne('evil.zip', zip);
    expect(fileRows(store).map((r) => [r.path, r.status])).toEqual([
      ['evil.zip', 'complete'],
      ['evil.zip!(entry 1: unsafe name)', 'skipped'],
      ['evil.zip!(entry 2: unsafe name)', 'skipped'],
      ['evil.zip!ok/audit.log', 'complete'],
    ]);
  });
});

describe('decompression bombs', () => {
  it('stops 200 MiB of zeros from 571 bytes at the default 1000:1 ratio', async () => {
    const bomb = zerosBomb();
    const store = await importOne('zeros.log.gz', bomb);
    const row = rowByPath(store, 'zeros.log.gz');
    expect(row.status).toBe('partial');
    expect(row.reason).toMatch(/^decompression stopped: \d+ MiB decompressed from 571 bytes read, past the 1000:1 ratio \(possible decompression bomb\)/);
    expect(row.sha256).toHaveLength(64);
  });

  it('stops a member past the total bound, keeps its events, and reads the next member', async () => {
    const big = auditLog(12, 8000);
    const tar = makeTar([{ name: 'a/audit.log.gz', bytes: gzipSync(big) }, { name: 'b/audit.log', bytes: audit }]);
    const store = await importOne('bundle.tar', tar, { limits: { maxExpandedBytes: 2 * 2 ** 20, ratioCheckAfterBytes: Infinity } });
    const bomb = rowByPath(store, 'bundle.tar!a/audit.log.gz');
    expect(bomb).toMatchObject({ status: 'partial', rejected: 1 });
    expect(bomb.reason).toMatch(/^decompression stopped: more than 2 MiB decompressed from one input \(possible decompression bomb\) \(read up to line \d+\)$/);
    expect(bomb.events).toBeGreaterThan(1000);
    expect(bomb.events).toBeLessThan(8000);
    expect(rowByPath(store, 'bundle.tar!b/audit.log')).toMatchObject({ status: 'complete', events: 40 });
    expect(rowByPath(store, 'bundle.tar')).toMatchObject({ status: 'complete' });
  });

  it('a bomb inside a .tar.gz leaves the member and the archive partial', async () => {
    const tgz = gzipSync(makeTar([{ name: 'x/audit.log', bytes: auditLog(13, 8000) }]));
    const store = await importOne('b.tgz', tgz, { limits: { maxExpandedBytes: 2 * 2 ** 20, ratioCheckAfterBytes: Infinity } });
    expect(rowByPath(store, 'b.tgz')).toMatchObject({ status: 'partial', reason: expect.stringMatching(/^decompression stopped/) });
    expect(rowByPath(store, 'b.tgz!x/audit.log')).toMatchObject({ status: 'partial', reason: expect.stringMatching(/^decompression stopped/) });
    expect(rowByPath(store, 'b.tgz!x/audit.log').events).toBeGreaterThan(1000);
  });

  it('refuses a zip whose entries overlap (a non-recursive zip bomb)', async () => {
    const store = await importOne('overlap.zip', withOverlappingEntry(zipSync({ 'a.log': audit })));
    expect(fileRows(store).map((r) => [r.path, r.status, r.reason])).toEqual([
      ['overlap.zip', 'skipped', 'zip entries overlap ("a.lof" lies inside "a.log"): a zip bomb technique, so the zip is not read'],
    ]);
  });

  it('skips what is nested past the depth bound', async () => {
    let nested: Uint8Array = audit;
    for (let i = 0; i < 10; i++) nested = zipSync({ [`level-${i}.${i === 0 ? 'log' : 'zip'}`]: nested });
    const store = await importOne('deep.zip', nested);
    const rows = fileRows(store);
    const skipped = rows.filter((r) => r.status === 'skipped');
    expect(skipped.length).toBe(1);
    expect(skipped[0].reason).toBe('nested more than 8 archive or compression layers deep (possible archive bomb)');
    expect(skipped[0].path.split('!').length).toBe(9);
    expect(queryNumber(store.db, 'SELECT count(*) FROM events')).toBe(0);
  });
});
