import { describe, expect, it } from 'vitest';
import { headOfFile } from './csvMappingHandlers';

const blob = (text: string): Blob => new Blob([text]);

describe('whether a skipped file may be mapped as a CSV or TSV', () => {
  it('reads a TSV or CSV header and its first data row', async () => {
    expect(await headOfFile(blob('\uFEFFwhen\twho\tip\r\n\r\n2026-03-14T08:00:00Z\tdave\t203.0.113.7\r\n'))).toEqual({
      header: ['when', 'who', 'ip'], sample: ['2026-03-14T08:00:00Z', 'dave', '203.0.113.7'],
    });
    expect(await headOfFile(blob('time,"user name",ip\n'))).toEqual({ header: ['time', 'user name', 'ip'], sample: [] });
  });

  it('refuses what is no header: one cell, JSON, an empty cell, binary data', async () => {
    for (const text of ['collected by the incident runbook\n', '{"a":1,"b":2}\n', 'time,,ip\n', 'a,b\0,c\n', '']) {
      expect((await headOfFile(blob(text))).header, text).toBeNull();
    }
  });
});
