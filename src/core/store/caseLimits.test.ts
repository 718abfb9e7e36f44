import { describe, expect, it } from 'vitest';
import { queryNumber } from '../query/sqlRows';
import { caseWithEvents, seconds } from '../testing/findingsFixture';
import { loadSqlJs } from '../testing/helpers';
import { CaseStore } from './caseStore';
import { caseSizeBytes, caseSizeProblem, MAX_CASE_BYTES } from './caseLimits';

describe('case size limit', () => {
  it('measures the case as the bytes a save would write', async () => {
    const store = await caseWithEvents(seconds(50));
    await store.flushAll();
    expect(caseSizeBytes(store.db)).toBe(store.export().byteLength);
  });

  it('writes a new case in 16 KiB pages, which it keeps when saved and opened again', async () => {
    const store = await caseWithEvents(seconds(50));
    await store.flushAll();
    expect(queryNumber(store.db, 'PRAGMA page_size')).toBe(16384);
    const reopened = CaseStore.open(await loadSqlJs(), store.platform, store.export());
    expect(queryNumber(reopened.db, 'PRAGMA page_size')).toBe(16384);
    reopened.close();
  });

  it('accepts up to 1 GiB and explains a refusal beyond it', () => {
    expect(caseSizeProblem(MAX_CASE_BYTES)).toBeNull();
    expect(caseSizeProblem(MAX_CASE_BYTES + 1)).toMatch(/^this case is 1\.00 GiB, larger than the 1\.00 GiB Trailhound supports/);
    expect(caseSizeProblem(3 * 1024 ** 3)).toMatch(/3\.00 GiB.*split the evidence/);
  });
});
