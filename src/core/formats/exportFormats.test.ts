import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from './exportFormats';
import { detectFormat, FORMATS } from './registry';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const realSample = (name: string): string => readFileSync(new URL(`../../../../shared/samples/real/${name}`, import.meta.url), 'utf8');

/** Detection as importFiles runs it: the first 20 non-blank lines, and the text up to them as the head. */
function detect(text: string): string | null {
  const lines = text.split('\n');
  const nonBlank: string[] = [];
  let end = lines.length;
  for (let i = 0; i < lines.length && nonBlank.length < 20; i++) {
    if (lines[i].trim() === '') continue;
    nonBlank.push(lines[i]);
    if (nonBlank.length === 20) end = i + 1;
  }
  return detectFormat(nonBlank, lines.slice(0, end).join('\n').slice(0, 64 * 1024))?.format.id ?? null;
}

describe('export formats', () => {
  it('are registered together after the native formats, each id once', () => {
    const ids = FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const start = ids.indexOf(EXPORT_FORMATS[0].id);
    expect(start).toBeGreaterThan(ids.indexOf('journald-json'));
    expect(ids.slice(start, start + EXPORT_FORMATS.length)).toEqual(EXPORT_FORMATS.map((f) => f.id));
  });

  it.each([
    ['eks-cloudwatch-audit.jsonl', 'eks-cloudwatch-json'],
    ['eks-filter-log-events.json', 'eks-cloudwatch-events'],
    ['aks-kube-audit.jsonl', 'aks-diagnostic-json'],
    ['aks-records.json', 'aks-diagnostic-records'],
    ['gke-audit.jsonl', 'gke-audit-json'],
    ['gke-audit-array.json', 'gke-audit-array'],
    ['opensearch-hits.ndjson', 'opensearch-hits-ndjson'],
    ['opensearch-search-response.json', 'opensearch-search-response'],
    ['opensearch-discover-kubeaudit.csv', 'opensearch-discover-csv'],
    ['opensearch-discover-authlog.csv', 'opensearch-discover-csv'],
    ['paralus-relay-audit.jsonl', 'paralus-audit-json'],
    ['paralus-core-audit.log', 'paralus-audit-json'],
    ['rafay-kubectl-audit.csv', 'platform-kubectl-csv'],
    ['postgres-pgaudit.log', 'pgaudit-postgres-log'],
    ['postgres-pgaudit-kv.log', 'pgaudit-postgres-log'],
  ])('%s is read as %s', (name, id) => {
    expect(detect(fixture(name))).toBe(id);
  });

  it.each([
    ['auth-rfc3164.log', 'syslog-rfc3164'],
    ['auth-iso8601.log', 'syslog-iso8601'],
    ['auth-rfc5424.log', 'syslog-rfc5424'],
    ['journald-auth.json', 'journald-json'],
  ])('leave %s to %s', (name, id) => {
    expect(detect(fixture(name))).toBe(id);
  });

  it.each([
    ['audit2rbac-demo.log', 'k8s-audit-json'],
    ['loghub-OpenSSH_2k.log', 'syslog-rfc3164'],
    ['loghub-Linux_2k.log', 'syslog-rfc3164'],
  ])('leave the real sample %s to %s', (name, id) => {
    expect(detect(realSample(name))).toBe(id);
    const text = realSample(name);
    const lines = text.split('\n').filter((l) => l.trim() !== '').slice(0, 20);
    for (const format of EXPORT_FORMATS) expect(format.kind === 'lines' ? format.sniff(lines) : format.sniff(text.slice(0, 65536)), format.id).toBe(0);
  });

  it('claim nothing of an EventList, nor of plain JSON app logs', () => {
    const eventList = JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items: [] }, null, 2);
    expect(detect(eventList)).toBe('k8s-audit-eventlist');
    const appLog = ['{"timestamp":"2026-11-21T12:00:00Z","level":"info","message":"started"}', '{"timestamp":"2026-11-21T12:00:01Z","level":"warn","message":"slow"}'].join('\n');
    expect(detect(appLog)).toBeNull();
  });
});
