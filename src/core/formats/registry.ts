import { EXPORT_FORMATS } from './exportFormats';
import { journaldJson } from './journald';
import { kubeAuditEventList, kubeAuditJsonLines } from './kubeAudit';
import { syslogIso8601, syslogRfc3164, syslogRfc5424 } from './syslog';
import type { DocumentFormat, LineFormat, LogFormat } from './types';

/** Every format Trailhound reads, in tie-break order. New formats register here. */
export const FORMATS: readonly LogFormat[] = [
  kubeAuditJsonLines, kubeAuditEventList,
  syslogRfc3164, syslogIso8601, syslogRfc5424, journaldJson,
  ...EXPORT_FORMATS,
];

export type Detection = { kind: 'lines'; format: LineFormat } | { kind: 'document'; format: DocumentFormat } | null;

/**
 * Recognizes a file by its content: line formats from its first non-blank lines, then document
 * formats from the head of its text. The most confident format wins.
 */
export function detectFormat(firstLines: readonly string[], head: string, formats: readonly LogFormat[] = FORMATS): Detection {
  let best: Detection = null;
  let bestScore = 0;
  for (const format of formats) {
    const score = format.kind === 'lines' ? format.sniff(firstLines) : format.sniff(head);
    if (score > bestScore) {
      bestScore = score;
      best = format.kind === 'lines' ? { kind: 'lines', format } : { kind: 'document', format };
    }
  }
  return best;
}
