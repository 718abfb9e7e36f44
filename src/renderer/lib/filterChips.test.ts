import { describe, expect, it } from 'vitest';
import { filterChips, withoutChip, withText, withValue } from './filterChips';
import { FilterHistory } from './filterHistory';

describe('filter chips', () => {
  it('pins a value with "only this" and drops it with "everything but this"', () => {
    let f = withValue({}, 'user', 'alice', 'include');
    expect(f).toEqual({ include: { user: ['alice'] } });
    f = withValue(f, 'user', 'bob', 'include');
    expect(f).toEqual({ include: { user: ['bob'] } });
    f = withValue(f, 'user', 'bob', 'exclude');
    expect(f).toEqual({ exclude: { user: ['bob'] } });
    f = withValue(f, 'src_ip', '10.0.0.1', 'exclude');
    f = withValue(f, 'user', 'carol', 'exclude');
    expect(f).toEqual({ exclude: { user: ['bob', 'carol'], src_ip: ['10.0.0.1'] } });
  });

  it('shows one chip per value, the time and the text, and removes each alone', () => {
    const f = withText({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 1, 1), include: { verb: ['get'] }, exclude: { user: ['a', 'b'] } }, ' secret ');
    const chips = filterChips(f, 'utc');
    expect(chips.map((c) => `${c.kind}:${c.label}:${c.text}`)).toEqual([
      'time:time:2026-01-01 00:00:00.000 → 01:00:00.000 UTC', 'include:verb:get', 'exclude:user:a', 'exclude:user:b', 'text:text:secret',
    ]);
    expect(withoutChip(f, chips[0])).toEqual({ include: { verb: ['get'] }, exclude: { user: ['a', 'b'] }, text: 'secret' });
    expect(withoutChip(f, chips[1])).toEqual({ from: f.from, to: f.to, exclude: { user: ['a', 'b'] }, text: 'secret' });
    expect(withoutChip(f, chips[2]).exclude).toEqual({ user: ['b'] });
    expect(withoutChip(f, chips[4]).text).toBeUndefined();
  });
});

describe('filter history', () => {
  it('goes back and forward, and a new filter drops the forward entries', () => {
    const h = new FilterHistory();
    const a = { text: 'a' };
    const b = { text: 'b' };
    const c = { text: 'c' };
    h.observe(a);
    h.observe(b);
    expect(h.back()).toBe(a);
    h.observe(a);
    expect(h.canForward).toBe(true);
    expect(h.forward()).toBe(b);
    expect(h.back()).toBe(a);
    h.observe(c);
    expect(h.canForward).toBe(false);
    expect(h.back()).toBe(a);
    expect(h.back()).toEqual({});
    expect(h.canBack).toBe(false);
  });
});
