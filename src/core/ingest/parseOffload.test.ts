import { describe, expect, it } from 'vitest';
import { csvMappedFormat } from '../formats/csvMapped';
import { FORMATS } from '../formats/registry';
import { offloadableMappings, readOptions } from './parseOffload';

describe('what a parse worker is told', () => {
  it("sends one file's settings as plain data, looked up through the app's proxies", () => {
    const files = new Proxy({} as Record<string, { cluster: string; year: number }>, {
      get: (_t, key) => (typeof key === 'string' && key.startsWith('bundle.tar.gz!') ? { cluster: 'prod-eu-1', year: 2024 } : undefined),
    });
    const nodes = { 'wk-1': -3_600_000 };
    const options = readOptions(
      { files, clockOffsetMs: { files: new Proxy({}, { get: () => 5000 }), nodes }, offsetMinutesBySource: { authlog: 60 }, defaultOffsetMinutes: 120, year: 2023 },
      'bundle.tar.gz!prod/auth.log',
    );
    expect(structuredClone(options)).toEqual({
      cluster: undefined, node: undefined, defaultOffsetMinutes: 120, offsetMinutesBySource: { authlog: 60 }, year: 2023,
      files: { 'bundle.tar.gz!prod/auth.log': { cluster: 'prod-eu-1', year: 2024 } },
      clockOffsetMs: { files: { 'bundle.tar.gz!prod/auth.log': 5000 }, nodes: { 'wk-1': -3_600_000 } },
    });
  });

  it("offloads the case's formats (its CSV mappings, then the built-in ones) and nothing else", () => {
    const mapping = { name: 'vpn', columns: { time: 'When', user: 'Who' } };
    expect(offloadableMappings(FORMATS)).toEqual([]);
    expect(offloadableMappings([csvMappedFormat(mapping), ...FORMATS])).toEqual([mapping]);
    expect(offloadableMappings(FORMATS.slice(1))).toBeNull();
    expect(offloadableMappings([...FORMATS, csvMappedFormat(mapping)])).toBeNull();
  });
});
