import { describe, expect, it } from 'vitest';
import { detectFormat } from '../formats/registry';
import { generateAuthLines } from './authGenerator';

describe('generateAuthLines', () => {
  it('writes the requested number of RFC 3164 lines that the syslog format recognizes, the same for the same seed', () => {
    const lines = [...generateAuthLines({ seed: 4, lines: 300 })];
    expect(lines).toHaveLength(300);
    expect(lines).toEqual([...generateAuthLines({ seed: 4, lines: 300 })]);
    for (const line of lines) expect(line).toMatch(/^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d wk-1 \S+: /);
    expect(detectFormat(lines.slice(0, 20), '')?.format.id).toBe('syslog-rfc3164');
  });
});
