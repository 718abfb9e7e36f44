import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave } from './autosave';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('Autosave', () => {
  it('saves once after a burst of changes', async () => {
    const save = vi.fn(async () => undefined);
    const autosave = new Autosave(2000, save);
    for (let i = 0; i < 5; i++) {
      autosave.schedule();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('saves again after a save when a change arrived during it', async () => {
    let finish: () => void = () => undefined;
    const save = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const autosave = new Autosave(100, save);
    autosave.schedule();
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1);
    autosave.schedule();
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('flushes a pending save at once, and cancels one', async () => {
    const save = vi.fn(async () => undefined);
    const autosave = new Autosave(10_000, save);
    autosave.schedule();
    await autosave.flush();
    expect(save).toHaveBeenCalledTimes(1);
    autosave.schedule();
    autosave.cancel();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(save).toHaveBeenCalledTimes(1);
  });
});
