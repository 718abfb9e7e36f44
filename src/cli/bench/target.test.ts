import { describe, expect, it } from 'vitest';
import { targetLine, targetMet } from './target';

describe('the import target', () => {
  const run = { audit_lines: 1_000_000, jq_speedup: 1.62, peak_rss_mb: 340 };

  it('is met at 1,000,000 audit lines with jq_speedup of 1.5 or more and a peak under 2 GB', () => {
    expect(targetMet(run)).toBe(true);
    expect(targetMet({ ...run, jq_speedup: 1.5 })).toBe(true);
    expect(targetLine(run)).toBe('target (1,000,000 audit lines, jq_speedup >= 1.5, peak under 2048 MB): met (jq_speedup 1.62, peak 340 MB)');
  });

  it('is not met when jq is less than 1.5 times slower, or the peak reaches 2 GB', () => {
    expect(targetMet({ ...run, jq_speedup: 1.49 })).toBe(false);
    expect(targetMet({ ...run, peak_rss_mb: 2048 })).toBe(false);
    expect(targetLine({ ...run, jq_speedup: 1.31 })).toMatch(/: NOT met \(jq_speedup 1.31, peak 340 MB\)$/);
  });

  it('is not judged on a smaller corpus, without jq or without a memory figure', () => {
    expect(targetMet({ ...run, audit_lines: 200_000 })).toBeNull();
    expect(targetLine({ ...run, audit_lines: 200_000 })).toMatch(/not judged, this run has 200,000 audit lines$/);
    expect(targetMet({ ...run, jq_speedup: null })).toBeNull();
    expect(targetLine({ ...run, jq_speedup: null })).toMatch(/not judged, jq is not installed$/);
    expect(targetMet({ ...run, peak_rss_mb: null })).toBeNull();
  });
});
