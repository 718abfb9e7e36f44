import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../model';
import { fieldAt, INTERNED_COLUMNS, NUMBER_COLUMNS, readInterned, readNumbers, readTexts, TEXT_COLUMNS } from './packedRows';

describe('packed columns', () => {
  it('reads each kind of column from an event in the order of the column table', () => {
    // Every field holds its own name: the order read is the order of the fields.
    const named = new Proxy({}, { get: (_t, key) => key }) as unknown as NormalizedEvent;
    for (const [read, columns] of [[readInterned, INTERNED_COLUMNS], [readNumbers, NUMBER_COLUMNS], [readTexts, TEXT_COLUMNS]] as const) {
      const out: unknown[] = [];
      (read as (ev: NormalizedEvent, out: unknown[]) => void)(named, out);
      expect(out).toEqual(columns.map(fieldAt));
    }
  });
});
