import { describe, expect, it } from 'vitest';
import { checkMemberName, memberPath } from './memberPath';

describe('checkMemberName', () => {
  it('tidies harmless names', () => {
    expect(checkMemberName('./prod-eu-1//kube-apiserver/audit.log')).toEqual({ ok: true, name: 'prod-eu-1/kube-apiserver/audit.log' });
    expect(checkMemberName('logs/..hidden/a..b.log')).toEqual({ ok: true, name: 'logs/..hidden/a..b.log' });
  });

  it('refuses names that climb out, are absolute, hold a NUL or are empty', () => {
    for (const bad of ['../x', 'a/../../x', 'a\\..\\x', '/etc/passwd', '\\\\server\\share\\x', 'C:\\x', 'c:x', 'a\0b', './', '']) {
      expect(checkMemberName(bad).ok, bad).toBe(false);
    }
    expect(checkMemberName('../x')).toEqual({ ok: false, reason: 'unsafe path in archive: "../x" (climbs out of the archive with ..)' });
  });

  it('joins a member to its container with !', () => {
    expect(memberPath('a.zip!b.tar.gz', 'x/audit.log')).toBe('a.zip!b.tar.gz!x/audit.log');
  });
});
