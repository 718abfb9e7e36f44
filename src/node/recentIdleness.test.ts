import { describe, expect, it } from 'vitest';
import { recentIdleness } from './recentIdleness';

const busyFor = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const waitFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('recent idleness of this thread', () => {
  it('says idle after a window spent waiting, busy after one spent working, and changes only once a window', async () => {
    const idle = recentIdleness(50, 0.1);
    await waitFor(80);
    expect(idle()).toBe(true);
    busyFor(80);
    expect(idle()).toBe(false);
    // Asked again within the same window: the same answer, however the thread spends it.
    await waitFor(10);
    expect(idle()).toBe(false);
    await waitFor(80);
    expect(idle()).toBe(true);
  });
});
