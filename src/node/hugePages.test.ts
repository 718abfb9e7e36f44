import { describe, expect, it } from 'vitest';
import { environmentWithHugePages, HUGE_PAGES_TUNABLE, withSmallThreadPools } from './hugePages';

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

  it("cuts libuv's pool to one thread and V8's to two on two cores or fewer, unless the user sized them", () => {
    expect(withSmallThreadPools({ PATH: '/bin' }, 2)).toEqual({ PATH: '/bin', UV_THREADPOOL_SIZE: '1', NODE_OPTIONS: '--v8-pool-size=2' });
    expect(withSmallThreadPools({ NODE_OPTIONS: '--max-old-space-size=4096' }, 1).NODE_OPTIONS).toBe('--max-old-space-size=4096 --v8-pool-size=2');
    expect(withSmallThreadPools({ UV_THREADPOOL_SIZE: '8', NODE_OPTIONS: '--v8-pool-size=6' }, 2)).toEqual({ UV_THREADPOOL_SIZE: '8', NODE_OPTIONS: '--v8-pool-size=6' });
    expect(withSmallThreadPools({ PATH: '/bin' }, 8)).toEqual({ PATH: '/bin' });
  });
});
