import { ATTACK_TACTICS } from '../../core/findings/severity';
import type { FindingWithEvidence } from '../../worker/findingsProtocol';

export type GroupBy = 'time' | 'tag' | 'phase';

export interface FindingGroup {
  key: string;
  /** Null for the single group of the time order. */
  title: string | null;
  items: FindingWithEvidence[];
}

const UNTAGGED = 'Untagged';
const OTHER_TAGS = 'Other tags';

/**
 * Findings grouped for the incident timeline, each group in time order: one group (time), one per
 * tag (a finding with two tags is in both), or one per ATT&CK phase in kill-chain order, then the
 * findings tagged otherwise, then the untagged ones.
 */
export function groupFindings(findings: readonly FindingWithEvidence[], by: GroupBy): FindingGroup[] {
  if (by === 'time') return [{ key: 'time', title: null, items: [...findings] }];
  const groups = new Map<string, FindingWithEvidence[]>();
  const add = (key: string, item: FindingWithEvidence): void => {
    const list = groups.get(key) ?? [];
    if (!list.includes(item)) list.push(item);
    groups.set(key, list);
  };
  for (const item of findings) {
    const tags = item.finding.tags;
    if (tags.length === 0) add(UNTAGGED, item);
    else if (by === 'tag') for (const tag of tags) add(tag, item);
    else {
      const phases = tags.filter((t) => (ATTACK_TACTICS as readonly string[]).includes(t.toLowerCase()));
      if (phases.length === 0) add(OTHER_TAGS, item);
      for (const phase of phases) add(phase.toLowerCase(), item);
    }
  }
  const order = by === 'phase' ? [...ATTACK_TACTICS, OTHER_TAGS, UNTAGGED] : [...[...groups.keys()].filter((k) => k !== UNTAGGED).sort((a, b) => a.localeCompare(b)), UNTAGGED];
  return order.filter((k) => groups.has(k)).map((key) => ({ key, title: key, items: groups.get(key) ?? [] }));
}

/** The time between two findings, as a reader of an incident timeline says it: "4 min later". */
export function gapLabel(fromTs: number, toTs: number): string {
  const ms = Math.max(0, toTs - fromTs);
  if (ms < 1000) return 'at the same second';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s later`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min later`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${min % 60} min later`;
  return `${Math.floor(h / 24)} days ${h % 24} h later`;
}
