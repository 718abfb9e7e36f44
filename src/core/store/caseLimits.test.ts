import { describe, expect, it } from 'vitest';
import { caseWithEvents, seconds } from '../testing/findingsFixture';
import { caseSizeBytes, caseSizeProblem, MAX_CASE_BYTES } from './caseLimits';

describe('case size limit', () => {
  it('measures the case as the bytes a save would write', async () => {
    const store = await caseWithEvents(seconds(50));
    await store.flushAll();
    expect(caseSizeBytes(store.db)).toBe(store.export().byteLength);
  });

  it('accepts up to 1 GiB and explains a refusal beyond it', () => {
    expect(caseSizeProblem(MAX_CASE_BYTES)).toBeNull();
    expect(caseSizeProblem(MAX_CASE_BYTES + 1)).toMatch(/^this case is 1\.00 GiB, larger than the 1\.00 GiB Trailhound supports/);
    expect(caseSizeProblem(3 * 1024 ** 3)).toMatch(/3\.00 GiB.*split the evidence/);
  });
});
