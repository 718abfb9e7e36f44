import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect } from './helpers';

const SAMPLE = fileURLToPath(new URL('../resources/sample/', import.meta.url));

/** One node's SSH log beside the sample: a brute force on root, then alice's key from the attacker's address. */
export const AUTH_LOG = [
  '2026-11-21T01:58:02.000000+00:00 bastion-1 sshd[811]: Failed password for root from 198.51.100.20 port 40122 ssh2',
  '2026-11-21T01:58:05.000000+00:00 bastion-1 sshd[811]: Failed password for root from 198.51.100.20 port 40122 ssh2',
  '2026-11-21T01:58:09.000000+00:00 bastion-1 sshd[812]: Invalid user admin from 198.51.100.20 port 40130',
  '2026-11-21T02:05:40.000000+00:00 bastion-1 sshd[901]: Accepted publickey for alice from 203.0.113.77 port 51234 ssh2: ED25519 SHA256:Jq3pLr8dV0cYt2wXk7nB5mF1sH9aG4eU6iO0zQ2xR7s',
  '2026-11-21T02:05:40.100000+00:00 bastion-1 sshd[901]: pam_unix(sshd:session): session opened for user alice(uid=1001) by (uid=0)',
];

/** An event as the tests expect it, read from the files themselves (not from the app). */
export interface Expected {
  ts: number;
  cluster: string;
  source: 'kube-audit' | 'authlog';
  user: string;
  ips: string[];
  verb: string | null;
  namespace: string | null;
  code: number | null;
  action: string | null;
}

function auditEvents(text: string, cluster: string): Expected[] {
  const byId = new Map<string, Expected>();
  for (const line of text.split('\n').filter(Boolean)) {
    const e = JSON.parse(line);
    byId.set(e.auditID, {
      ts: Math.floor(Date.parse(e.requestReceivedTimestamp)), cluster, source: 'kube-audit', user: e.user.username, ips: e.sourceIPs,
      verb: e.verb, namespace: e.objectRef?.namespace ?? null, code: e.responseStatus?.code ?? null, action: null,
    });
  }
  return [...byId.values()];
}

const SSH_ACTIONS = ['ssh_failed', 'ssh_failed', 'ssh_invalid_user', 'ssh_accepted', 'session_open'];
const SSH_USERS = ['root', 'root', 'admin', 'alice', 'alice'];

/** Every event of the investigation corpus: the two sample clusters and the bastion's SSH log. */
export function expectedEvents(): Expected[] {
  const prod = gunzipSync(readFileSync(`${SAMPLE}prod-eu-1/kube-apiserver/audit.log.gz`)).toString('utf8');
  const staging = readFileSync(`${SAMPLE}staging-us-2/kube-apiserver/audit.log`, 'utf8');
  const ssh = AUTH_LOG.map((line, i): Expected => ({
    ts: Date.parse(line.slice(0, 32)), cluster: 'prod-eu-1', source: 'authlog', user: SSH_USERS[i], ips: [/from (\S+)/.exec(line)?.[1] ?? ''].filter(Boolean),
    verb: null, namespace: null, code: null, action: SSH_ACTIONS[i],
  }));
  return [...auditEvents(prod, 'prod-eu-1'), ...auditEvents(staging, 'staging-us-2'), ...ssh];
}

/** Writes the evidence folder (cluster folders name the clusters) and imports it through Import folder. */
export async function importInvestigationCase(page: Page, root: string): Promise<void> {
  const copies: [string, string][] = [
    ['prod-eu-1/kube-apiserver/audit.log.gz', 'prod-eu-1/kube-apiserver/audit.log.gz'],
    ['staging-us-2/kube-apiserver/audit.log', 'staging-us-2/kube-apiserver/audit.log'],
  ];
  for (const [from, to] of copies) {
    mkdirSync(dirname(`${root}/${to}`), { recursive: true });
    copyFileSync(`${SAMPLE}${from}`, `${root}/${to}`);
  }
  mkdirSync(`${root}/prod-eu-1/nodes/bastion-1`, { recursive: true });
  writeFileSync(`${root}/prod-eu-1/nodes/bastion-1/auth.log`, AUTH_LOG.join('\n') + '\n');
  await page.getByTestId('input-folder').setInputFiles(root);
  await expect(page.getByTestId('import-totals')).toBeVisible();
  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText(String(expectedEvents().length));
}

export const count = (n: number): string => n.toLocaleString('en-US');
