import { describe, expect, it } from 'vitest';
import { environmentWithHugePages, HUGE_PAGES_TUNABLE } from './hugePages';

describe('huge pages for an import', () => {
  it('asks for them on Linux, keeping the tunables already set', () => {
    expect(environmentWithHugePages({ PATH: '/bin' }, 'linux')).toEqual({ PATH: '/bin', GLIBC_TUNABLES: HUGE_PAGES_TUNABLE });
    expect(environmentWithHugePages({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux')?.GLIBC_TUNABLES).toBe(
      `glibc.malloc.arena_max=2:${HUGE_PAGES_TUNABLE}`,
    );
  });

  it('runs in place where the switch is already set, either way, and off Linux', () => {
    expect(environmentWithHugePages({ GLIBC_TUNABLES: HUGE_PAGES_TUNABLE }, 'linux')).toBeNull();
    expect(environmentWithHugePages({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0' }, 'linux')).toBeNull();
    expect(environmentWithHugePages({}, 'darwin')).toBeNull();
    expect(environmentWithHugePages({}, 'win32')).toBeNull();
  });
});
