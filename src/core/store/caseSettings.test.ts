import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERNAL_CIDRS } from '../net/cidr';
import { newTestCase } from '../testing/helpers';
import { internalCidrs, setInternalCidrs } from './caseSettings';
import { deleteSavedSearch, listSavedSearches, saveSearch } from './savedSearches';

describe('case settings and saved searches', () => {
  it('keeps the internal networks per case, defaults first, and refuses a bad range whole', async () => {
    const store = await newTestCase();
    expect(internalCidrs(store.db)).toEqual(DEFAULT_INTERNAL_CIDRS);
    setInternalCidrs(store.db, ['10.0.0.0/8', ' 100.64.0.0/10 ', '']);
    expect(internalCidrs(store.db)).toEqual(['10.0.0.0/8', '100.64.0.0/10']);
    expect(() => setInternalCidrs(store.db, ['10.0.0.0/8', '10.0.0.0/40'])).toThrow(/10\.0\.0\.0\/40/);
    expect(internalCidrs(store.db)).toEqual(['10.0.0.0/8', '100.64.0.0/10']);
  });

  it('saves, replaces by name, lists by name and deletes filters', async () => {
    const store = await newTestCase();
    saveSearch(store.db, 'denied secrets', { include: { resource: ['secrets'], status_class: ['denied'] } }, 1);
    saveSearch(store.db, 'Alice', { include: { user: ['alice'] } }, 2);
    saveSearch(store.db, 'denied secrets', { include: { resource: ['secrets'] }, text: 'kube-system' }, 3);
    const list = listSavedSearches(store.db);
    expect(list.map((s) => s.name)).toEqual(['Alice', 'denied secrets']);
    expect(list[1].filter).toEqual({ include: { resource: ['secrets'] }, text: 'kube-system' });
    expect(() => saveSearch(store.db, '  ', {})).toThrow(/name/);
    deleteSavedSearch(store.db, list[0].id);
    expect(listSavedSearches(store.db).map((s) => s.name)).toEqual(['denied secrets']);
  });
});
