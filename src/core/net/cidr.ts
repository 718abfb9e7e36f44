/**
 * Internal or external: an address is internal when it falls in one of the case's CIDR ranges
 * (the organization's own networks). IPv4 and IPv6; an IPv4-mapped IPv6 address (::ffff:a.b.c.d)
 * is read as the IPv4 address it carries, as proxies often write it that way.
 */

/** RFC 1918, loopback and link-local, for both families; fc00::/7 is IPv6's counterpart of RFC 1918. */
export const DEFAULT_INTERNAL_CIDRS: readonly string[] = [
  '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16',
  '::1/128', 'fe80::/10', 'fc00::/7',
];

interface Range {
  v6: boolean;
  bits: bigint;
  prefix: number;
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    value = (value << 8n) | BigInt(Number(p));
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  let head = text;
  // A trailing dotted quad stands for the last 32 bits.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(head);
  let tail: bigint | null = null;
  if (quad) {
    tail = parseIpv4(quad[1]);
    if (tail === null) return null;
    head = head.slice(0, -quad[1].length) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail !== null) value = (value & ~0xffffffffn) | tail;
  return value;
}

/** An address as family and 32- or 128-bit value; null when it is not an IP address. */
export function parseIp(text: string): { v6: boolean; bits: bigint } | null {
  const trimmed = text.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = parseIpv4(trimmed);
  if (v4 !== null) return { v6: false, bits: v4 };
  const v6 = trimmed.includes(':') ? parseIpv6(trimmed) : null;
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { v6: false, bits: v6 & 0xffffffffn };
  return { v6: true, bits: v6 };
}

/** Parses "a.b.c.d/n" or "x::/n" (a bare address is a /32 or /128); null when malformed. */
export function parseCidr(text: string): Range | null {
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const ip = parseIp(addr);
  if (!ip) return null;
  const width = ip.v6 ? 128 : 32;
  const prefix = len === undefined ? width : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!(prefix >= 0 && prefix <= width)) return null;
  return { v6: ip.v6, bits: ip.bits >> BigInt(width - prefix), prefix };
}

/** A reusable test "is this address in one of these ranges"; malformed ranges are ignored (validate them with parseCidr). */
export function cidrMatcher(cidrs: readonly string[]): (ip: string) => boolean {
  const ranges = cidrs.map(parseCidr).filter((r): r is Range => r !== null);
  return (text) => {
    const ip = parseIp(text);
    if (!ip) return false;
    const width = ip.v6 ? 128 : 32;
    return ranges.some((r) => r.v6 === ip.v6 && ip.bits >> BigInt(width - r.prefix) === r.bits);
  };
}
