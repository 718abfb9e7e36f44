/** The five severities of a finding, lowest first: a contract of issue 5 (CSV, CLI, schema CHECK). */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** MITRE ATT&CK tactics offered as tag suggestions (free tags are allowed too). */
export const ATTACK_TACTICS = [
  'initial access',
  'execution',
  'persistence',
  'privilege escalation',
  'credential access',
  'discovery',
  'lateral movement',
  'impact',
] as const;

const MAX_TAG_CHARS = 64;
const MAX_TAGS = 32;

/**
 * Tags as stored: trimmed, inner whitespace collapsed, without `;` (the CSV's tag separator) or
 * control characters, at most 64 characters, no empty ones, no repeats, at most 32.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    // eslint-disable-next-line no-control-regex -- control characters are what is stripped
    const clean = tag.replace(/[;\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_TAG_CHARS);
    if (clean && !out.includes(clean)) out.push(clean);
  }
  return out.slice(0, MAX_TAGS);
}

/** Tags as written in the CSV: one cell, separated by `;`. */
export const joinTags = (tags: readonly string[]): string => tags.join(';');
export const splitTags = (cell: string): string[] => normalizeTags(cell.split(';'));
