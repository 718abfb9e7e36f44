import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { makeTar } from '../src/core/ingest/fixtures/makeTar';

/** One audit.k8s.io/v1 Event line, complete (ResponseComplete), at an ISO time. */
export function auditLine(id: string, time: string, user: string, verb = 'list', code = 200): string {
  return JSON.stringify({
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
    stage: 'ResponseComplete', requestURI: '/api/v1/namespaces/default/pods', verb, user: { username: user, groups: ['system:authenticated'] },
    sourceIPs: ['10.0.9.8'], userAgent: 'kubectl/v1.31.2', objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' },
    responseStatus: { metadata: {}, code }, requestReceivedTimestamp: time, stageTimestamp: time,
  });
}

export const lines = (...all: string[]): Buffer => Buffer.from(`${all.join('\n')}\n`);

/** prod-eu-1's API server: four requests by alice on 2026-03-14. */
export const PROD_AUDIT = lines(
  auditLine('1', '2026-03-14T09:00:00.000Z', 'alice'),
  auditLine('2', '2026-03-14T09:01:00.000Z', 'alice'),
  auditLine('3', '2026-03-14T09:02:00.000Z', 'alice', 'delete'),
  auditLine('4', '2026-03-14T09:03:00.000Z', 'alice', 'get', 403),
);

/** A worker node's sshd log (RFC 3164: no year, the host on each line). */
export const WK1_AUTH = lines(
  'Mar 14 10:00:00 wk-1 sshd[100]: Failed password for root from 198.51.100.20 port 40122 ssh2',
  'Mar 14 10:00:05 wk-1 sshd[100]: Accepted publickey for bob from 198.51.100.20 port 40123 ssh2: RSA SHA256:kQ3rXkq1uR7xw5mS2p0l6XvYdJrk9cQ5Jt0b1Zz8aGc',
  'Mar 14 10:07:00 wk-1 sshd[100]: pam_unix(sshd:session): session closed for user bob',
);

/** staging's API server, rotated and gzipped: two requests by carol. */
export const STAGING_AUDIT = lines(auditLine('11', '2026-03-14T11:00:00.000Z', 'carol'), auditLine('12', '2026-03-14T11:30:00.000Z', 'carol', 'create', 201));

const MAR_15_2026 = Date.UTC(2026, 2, 15) / 1000;

/** A support bundle as collected from two clusters, with a note that is no log. */
export function supportBundle(): Buffer {
  const tar = makeTar([
    { name: 'prod-eu-1/kube-apiserver/audit.log', bytes: PROD_AUDIT, mtime: MAR_15_2026 },
    { name: 'prod-eu-1/nodes/wk-1/auth.log', bytes: WK1_AUTH, mtime: MAR_15_2026 },
    { name: 'staging/kube-apiserver/audit.log.gz', bytes: gzipSync(STAGING_AUDIT), mtime: MAR_15_2026 },
    { name: 'README.txt', bytes: Buffer.from('collected by the incident runbook\n'), mtime: MAR_15_2026 },
  ]);
  return gzipSync(tar);
}

/** Drops files on the window as the OS would: a DataTransfer of Files, through dragenter and drop. */
export async function dropFiles(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, bytes: [...f.bytes] }));
  const transfer = await page.evaluateHandle((all) => {
    const dt = new DataTransfer();
    for (const f of all) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return dt;
  }, payload);
  await page.dispatchEvent('div.app', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('div.app', 'drop', { dataTransfer: transfer });
}
