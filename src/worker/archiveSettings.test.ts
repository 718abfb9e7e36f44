import { describe, expect, it } from 'vitest';
import { settingsForMembers } from './archiveSettings';

describe('settings set on an archive in the review', () => {
  const settings = settingsForMembers({
    files: { 'bundle.tar.gz': { cluster: 'dr-site' }, 'bundle.tar.gz!prod/audit.log': { cluster: 'prod' } },
    clockOffsetMs: { files: { 'bundle.tar.gz': 5000 }, nodes: { 'wk-1': -1000 } },
    defaultOffsetMinutes: 120,
    offsetMinutesBySource: { authlog: 60, other: -300 },
  });

  it('hold for every member inside it, unless the member has its own', () => {
    expect(settings.files?.['bundle.tar.gz!staging/audit.log']).toEqual({ cluster: 'dr-site' });
    expect(settings.files?.['bundle.tar.gz!inner.zip!a/auth.log']).toEqual({ cluster: 'dr-site' });
    expect(settings.files?.['bundle.tar.gz!prod/audit.log']).toEqual({ cluster: 'prod' });
    expect(settings.clockOffsetMs?.files?.['bundle.tar.gz!x.log']).toBe(5000);
    expect(settings.clockOffsetMs?.nodes).toEqual({ 'wk-1': -1000 });
  });

  it('leave the zones of the import and of each source as they are', () => {
    expect([settings.defaultOffsetMinutes, settings.offsetMinutesBySource]).toEqual([120, { authlog: 60, other: -300 }]);
  });

  it('do not leak to other files', () => {
    expect(settings.files?.['other.log']).toBeUndefined();
    expect(settings.files?.['other.tar!bundle.tar.gz']).toBeUndefined();
    expect(settingsForMembers(undefined)).toEqual({});
  });
});
