import { SeededRandom } from './random';

export interface AuthCorpusOptions {
  seed: number;
  lines: number;
  host: string;
  /** Epoch ms of the first line (written without a year, as RFC 3164 does). */
  start: number;
  meanGapMs: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ATTACKERS = ['185.220.101.4', '45.95.147.12', '203.0.113.66', '198.51.100.23'];
const ADMINS = ['alice', 'bob', 'deploy'];
const GUESSES = ['admin', 'test', 'oracle', 'ubuntu', 'postgres', 'git', 'user1'];

function rfc3164Time(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * Writes a deterministic synthetic auth.log (RFC 3164, as rsyslog writes it on Debian): mostly an
 * SSH brute force from a few addresses, with admins' key logins, sessions and sudo commands.
 */
export function* generateAuthLines(options: Partial<AuthCorpusOptions> = {}): Generator<string> {
  const o: AuthCorpusOptions = { seed: 1, lines: 1000, host: 'wk-1', start: Date.UTC(2026, 10, 20), meanGapMs: 900, ...options };
  const rnd = new SeededRandom(o.seed);
  let now = o.start;
  for (let i = 0; i < o.lines; i++) {
    now += rnd.int(o.meanGapMs * 2 + 1);
    const pid = 1000 + rnd.int(60000);
    const head = `${rfc3164Time(now)} ${o.host}`;
    const r = rnd.next();
    const port = 1024 + rnd.int(64000);
    if (r < 0.45) {
      const user = rnd.pick(GUESSES);
      yield `${head} sshd[${pid}]: Failed password for invalid user ${user} from ${rnd.pick(ATTACKERS)} port ${port} ssh2`;
    } else if (r < 0.6) {
      yield `${head} sshd[${pid}]: Invalid user ${rnd.pick(GUESSES)} from ${rnd.pick(ATTACKERS)} port ${port}`;
    } else if (r < 0.75) {
      yield `${head} sshd[${pid}]: Connection closed by authenticating user root ${rnd.pick(ATTACKERS)} port ${port} [preauth]`;
    } else if (r < 0.82) {
      yield `${head} sshd[${pid}]: Accepted publickey for ${rnd.pick(ADMINS)} from 10.0.${rnd.int(4)}.${rnd.int(250)} port ${port} ssh2: ED25519 SHA256:${'q7Xb2K9mZ4tLw8RpVc1nHs6yJd3fGa5eUo0iTk'.slice(rnd.int(8))}`;
    } else if (r < 0.88) {
      yield `${head} sshd[${pid}]: pam_unix(sshd:session): session opened for user ${rnd.pick(ADMINS)}(uid=1000) by (uid=0)`;
    } else if (r < 0.93) {
      yield `${head} sudo:    ${rnd.pick(ADMINS)} : TTY=pts/${rnd.int(4)} ; PWD=/home/${rnd.pick(ADMINS)} ; USER=root ; COMMAND=/usr/bin/systemctl restart kubelet`;
    } else {
      yield `${head} CRON[${pid}]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)`;
    }
  }
}
