import { createWriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { generateAuditLines } from '../../core/synth/auditGenerator';
import { generateAuthLines } from '../../core/synth/authGenerator';
import { spawn } from 'node:child_process';

export interface CorpusFile {
  path: string;
  lines: number;
  bytes: number;
}

/** Writes lines to a file (gzipped when asked), respecting back-pressure so any size streams. */
async function writeLines(path: string, lines: Iterable<string>, gzip: boolean): Promise<number> {
  const file = createWriteStream(path);
  const sink = gzip ? createGzip({ level: 1 }) : file;
  if (gzip) sink.pipe(file);
  let count = 0;
  let batch: string[] = [];
  const flush = async (): Promise<void> => {
    if (!sink.write(batch.join('\n') + '\n')) await once(sink, 'drain');
    batch = [];
  };
  for (const line of lines) {
    batch.push(line);
    count++;
    if (batch.length === 2000) await flush();
  }
  if (batch.length) await flush();
  sink.end();
  await once(file, 'close');
  return count;
}

/**
 * The benchmark's corpus: `lines` audit lines from the project's deterministic generator, split
 * over two clusters' kube-apiserver folders; the older rotation of each is gzipped, as in the field.
 */
export async function writeAuditCorpus(dir: string, lines: number): Promise<CorpusFile[]> {
  const clusters = ['prod-eu-1', 'prod-us-1'];
  const files: CorpusFile[] = [];
  const perCluster = Math.ceil(lines / clusters.length);
  let left = lines;
  for (const [c, cluster] of clusters.entries()) {
    const folder = join(dir, 'corpus', cluster, 'kube-apiserver');
    await mkdir(folder, { recursive: true });
    const mine = Math.min(perCluster, left);
    left -= mine;
    const rotated = Math.floor(mine / 2);
    const start = Date.UTC(2026, 10, 20);
    const parts = [
      { name: 'audit-2026-11-20T00-00-00.000.log.gz', lines: rotated, gzip: true, seed: 11 + c, start },
      { name: 'audit.log', lines: mine - rotated, gzip: false, seed: 101 + c, start: start + rotated * 40 },
    ];
    for (const part of parts) {
      const path = join(folder, part.name);
      const written = await writeLines(path, generateAuditLines({ seed: part.seed, lines: part.lines, start: part.start }), part.gzip);
      files.push({ path, lines: written, bytes: (await stat(path)).size });
    }
  }
  return files;
}

export interface MixedCorpus {
  /** The one archive the CLI imports. */
  archive: CorpusFile;
  audit: CorpusFile[];
  auth: CorpusFile[];
  /** Input lines over every file. */
  lines: number;
}

/** Share of auth.log lines beside the audit lines: nodes log far less than the API server. */
const AUTH_SHARE = 0.1;

/**
 * Issue 3's corpus: audit logs of two clusters (half of them rotated and gzipped) and an auth.log
 * per node, all in one .tar.gz, as collected from the field.
 */
export async function writeMixedCorpus(dir: string, auditLines: number): Promise<MixedCorpus> {
  const audit = await writeAuditCorpus(dir, auditLines);
  const auth: CorpusFile[] = [];
  const nodes = [['prod-eu-1', 'wk-1'], ['prod-eu-1', 'wk-2'], ['prod-us-1', 'wk-1']];
  const perNode = Math.ceil((auditLines * AUTH_SHARE) / nodes.length);
  for (const [i, [cluster, node]] of nodes.entries()) {
    const folder = join(dir, 'corpus', cluster, 'nodes', node);
    await mkdir(folder, { recursive: true });
    const path = join(folder, 'auth.log');
    const written = await writeLines(path, generateAuthLines({ seed: 31 + i, lines: perNode, host: node, start: Date.UTC(2026, 10, 20) }), false);
    auth.push({ path, lines: written, bytes: (await stat(path)).size });
  }
  const archivePath = join(dir, 'corpus.tar.gz');
  await run('sh', ['-c', 'tar -C "$1" -cf - corpus | gzip -1 > "$2"', 'sh', dir, archivePath]);
  const lines = [...audit, ...auth].reduce((n, f) => n + f.lines, 0);
  // On disk before anything is timed, so that the kernel's write-back of a gigabyte of fresh pages
  // does not run during the import (and not during jq, which runs later).
  for (const f of [...audit, ...auth, { path: archivePath }]) await syncToDisk(f.path);
  return { archive: { path: archivePath, lines, bytes: (await stat(archivePath)).size }, audit, auth, lines };
}

async function syncToDisk(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`${command} exited ${code}`))));
  });
}
