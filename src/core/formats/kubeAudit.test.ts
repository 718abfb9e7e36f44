import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringListJson } from './kubeAudit';

describe('stringListJson', () => {
  it('writes a list of strings exactly as JSON.stringify does', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '"', '\\', '\u001f', '\ud800', '😀', 'system:authenticated'));
    fc.assert(fc.property(fc.array(text, { maxLength: 6 }), (list) => {
      expect(stringListJson(list)).toBe(JSON.stringify(list));
    }), { numRuns: 2000 });
  });
});
