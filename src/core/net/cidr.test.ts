import { describe, expect, it } from 'vitest';
import { cidrMatcher, DEFAULT_INTERNAL_CIDRS, parseCidr, parseIp } from './cidr';

describe('CIDR matching', () => {
  const internal = cidrMatcher(DEFAULT_INTERNAL_CIDRS);

  it('knows RFC 1918, loopback and link-local for both families by default', () => {
    for (const ip of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.7.40', '127.0.0.1', '169.254.1.1', '::1', 'fe80::1', 'fd00::5', '::ffff:10.0.0.1']) expect(internal(ip), ip).toBe(true);
    for (const ip of ['172.32.0.1', '203.0.113.77', '8.8.8.8', '2001:db8::1', '::ffff:8.8.8.8', 'not-an-ip', '']) expect(internal(ip), ip).toBe(false);
  });

  it('parses ranges and refuses malformed ones', () => {
    expect(parseCidr('10.0.0.0/8')).not.toBeNull();
    expect(parseCidr('2001:db8::/32')).not.toBeNull();
    for (const bad of ['10.0.0.0/33', '300.0.0.0/8', '10.0.0/8', 'fe80::/129', '1::2::3/64', 'x/8', '10.0.0.0/8/1']) expect(parseCidr(bad), bad).toBeNull();
    expect(cidrMatcher(['203.0.113.0/24'])('203.0.113.77')).toBe(true);
    expect(cidrMatcher(['203.0.113.77'])('203.0.113.78')).toBe(false);
    expect(cidrMatcher(['0.0.0.0/0'])('1.2.3.4')).toBe(true);
  });

  it('reads IPv6 shorthand and bracketed or zoned addresses', () => {
    expect(parseIp('[fe80::1%eth0]')?.v6).toBe(true);
    expect(parseIp('2001:db8:0:0:0:0:0:1')?.bits).toBe(parseIp('2001:db8::1')?.bits);
  });
});
