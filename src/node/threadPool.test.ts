import { describe, expect, it } from 'vitest';
import { importThreadPoolSize } from './threadPool';

describe("libuv's pool for an import", () => {
  it('is cut to one thread on two cores or fewer, unless the user sized it', () => {
    expect(importThreadPoolSize({ PATH: '/bin' }, 2)).toBe('1');
    expect(importThreadPoolSize({}, 1)).toBe('1');
    expect(importThreadPoolSize({ UV_THREADPOOL_SIZE: '8' }, 2)).toBeNull();
    expect(importThreadPoolSize({ PATH: '/bin' }, 8)).toBeNull();
  });
});
