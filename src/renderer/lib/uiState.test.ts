import { describe, expect, it } from 'vitest';
import { readUiState } from './uiState';

describe('readUiState', () => {
  it('keeps a well-formed state', () => {
    const state = { view: 'findings', filter: { from: 1, to: 2 }, selectedId: 7, stackBy: 'status' };
    expect(readUiState(state)).toEqual(state);
  });

  it('falls back to defaults for odd values from a foreign case', () => {
    expect(readUiState(null)).toBeNull();
    expect(readUiState([1])).toBeNull();
    expect(readUiState({ view: '<img>', filter: 'x', selectedId: 1.5, stackBy: 'nope' })).toEqual({ view: 'timeline', filter: {}, selectedId: null, stackBy: 'activity' });
  });
});
