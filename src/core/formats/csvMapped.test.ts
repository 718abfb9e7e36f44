import { describe, expect, it } from 'vitest';
import { importFiles } from '../ingest/importFiles';
import { inputFromBytes } from '../ingest/input';
import { queryObjects } from '../query/sqlRows';
import { formatsForCase, saveCsvMapping, savedCsvMappings } from '../store/csvMappings';
import { encode, loadSqlJs, newTestCase } from '../testing/helpers';
import { portablePlatform } from '../platform/portable';
import { CaseStore } from '../store/caseStore';
import { mappingProblems, type CsvMapping } from './csvMapped';

const VPN_LOG = [
  'When\tWho\tFrom\tWhat\tResult\tGateway',
  '2026-11-21 10:00:01\talice\t203.0.113.7\tlogin\t200\tgw-1',
  '2026-11-21 10:05:00\tbob\t10.0.0.4\tlogin\t401\tgw-2',
  '',
  'yesterday\tmallory\t198.51.100.1\tlogin\t200\tgw-1',
].join('\n');

const mapping: CsvMapping = { name: 'vpn gateway', columns: { time: 'When', user: 'Who', src_ip: 'From', action: 'What', status_code: 'Result' } };

describe('CSV through a column mapping', () => {
  it('is left unread (skipped) until a mapping says how it reads', async () => {
    const store = await newTestCase();
    const { files } = await importFiles(store, [inputFromBytes('vpn.tsv', encode(VPN_LOG))], { formats: formatsForCase(store.db) });
    expect(files[0].status).toBe('skipped');
  });

  it('reads every row with the saved mapping, counting the blank and the unreadable ones', async () => {
    const first = await newTestCase();
    saveCsvMapping(first.db, mapping);
    // The mapping lives in the case: it survives a save and reopen.
    const store = CaseStore.open(await loadSqlJs(), portablePlatform, first.export());
    expect(savedCsvMappings(store.db).map((m) => m.name)).toEqual(['vpn gateway']);
    const { files } = await importFiles(store, [inputFromBytes('vpn.tsv', encode(VPN_LOG))], { formats: formatsForCase(store.db), defaultOffsetMinutes: 60 });
    expect(files[0]).toMatchObject({ format: 'csv-mapped', lines: 4, events: 2, rejected: 1, blank: 1, status: 'complete' });
    const rows = queryObjects(store.db, 'SELECT ts, ts_text, source, user, src_ip, action, status_code, details FROM events ORDER BY ts');
    expect(rows[0]).toEqual({
      ts: Date.UTC(2026, 10, 21, 9, 0, 1), ts_text: '2026-11-21 10:00:01', source: 'other', user: 'alice', src_ip: '203.0.113.7',
      action: 'login', status_code: 200, details: '{"mapping":"vpn gateway","Gateway":"gw-1"}',
    });
    expect(queryObjects(store.db, 'SELECT line, reason FROM rejects')).toEqual([{ line: 5, reason: 'unreadable time "yesterday" in column "When"' }]);
  });

  it('says what is missing from a mapping', () => {
    expect(mappingProblems({ name: '', columns: { user: 'Nobody' } }, ['When', 'Who'])).toEqual([
      'the mapping needs a name', 'choose the column that holds the time', 'user: no column named "Nobody"',
    ]);
    expect(() => saveCsvMapping({} as never, { name: 'x', columns: {} })).toThrow(/time/);
  });
});
