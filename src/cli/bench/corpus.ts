import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { generateAuditLines } from '../../core/synth/auditGenerator';

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
