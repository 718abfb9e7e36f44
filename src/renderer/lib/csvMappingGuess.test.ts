import { describe, expect, it } from 'vitest';
import { guessColumns, mappingNameFor } from './csvMappingGuess';

describe('a first guess of a CSV mapping', () => {
  it('matches usual header names whatever their case or separators, each column once', () => {
    expect(guessColumns(['Event Time', 'User_Name', 'Client IP', 'Host', 'Result', 'Source'])).toEqual({
      time: 'Event Time', user: 'User_Name', src_ip: 'Client IP', node: 'Host',
    });
  });

  it('names the mapping after the file', () => {
    expect(mappingNameFor('exports/vpn-2026-03.tsv')).toBe('vpn-2026-03');
    expect(mappingNameFor('bundle.zip!logins.CSV')).toBe('logins');
  });
});
