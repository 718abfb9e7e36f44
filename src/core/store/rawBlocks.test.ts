import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodePlatform } from '../../node/nodePlatform';
import { portablePlatform } from '../platform/portable';
import type { Platform } from '../platform/platform';
import { loadSqlJs } from '../testing/helpers';
import { RawBlockGatherer, RawBlockWriter, type CompressedBlock } from './rawBlocks';

/** What a record reads back as: one line, as UTF-8 holds it (a lone surrogate becomes U+FFFD). */
const storedForm = (record: string): string => new TextDecoder().decode(new TextEncoder().encode(record.replace(/\r?\n/g, ' ')));

async function roundTrip(platform: Platform, records: string[]): Promise<string[]> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run("CREATE TABLE raw_blocks (id INTEGER PRIMARY KEY, codec TEXT NOT NULL, data BLOB NOT NULL)");
  const writer = new RawBlockWriter(db, platform);
  const refs = [];
  for (const record of records) {
    refs.push(writer.add(record));
    // Blocks are stored while records keep coming, as during an import.
    if (refs.length % 50 === 0) await writer.flush(false);
  }
  await writer.flush(true);
  const back: string[] = [];
  for (const ref of refs) back.push((await writer.read(ref.block, ref.index)) ?? '<missing>');
  db.close();
  return back;
}

const record = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', 'a\nb', 'crlf\r\nline', '\ud800 lone', 'tail \udfff'),
  // Longer than a block: a record of its own past the limit.
  fc.integer({ min: 200_000, max: 700_000 }).map((n) => 'é'.repeat(n)),
);

describe('raw blocks', () => {
  for (const [name, platform] of [['node', nodePlatform], ['portable', portablePlatform]] as const) {
    it(`gives every record back as it was added (${name} compression)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(record, { maxLength: 400 }), async (records) => {
          expect(await roundTrip(platform, records)).toEqual(records.map(storedForm));
        }),
        { numRuns: 25 },
      );
    });
  }

  it('reads the blocks of either codec, whichever platform wrote them (a case moves between the CLI and the app)', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.run("CREATE TABLE raw_blocks (id INTEGER PRIMARY KEY, codec TEXT NOT NULL, data BLOB NOT NULL)");
    const records = Array.from({ length: 3000 }, (_, i) => `{"auditID":"${i}","verb":"get","user":{"username":"u${i % 7}"}}`);
    const cli = new RawBlockWriter(db, nodePlatform);
    const cliRefs = records.map((r) => cli.add(r));
    await cli.flush(true);
    const app = new RawBlockWriter(db, portablePlatform);
    app.resume(cliRefs[cliRefs.length - 1].block + 1);
    const appRefs = records.map((r) => app.add(r.toUpperCase()));
    await app.flush(true);
    expect(db.exec('SELECT codec, count(*) FROM raw_blocks GROUP BY codec ORDER BY codec')[0].values).toEqual([['brotli', 1], ['deflate-raw', 1]]);
    for (const platform of [nodePlatform, portablePlatform]) {
      const reader = new RawBlockWriter(db, platform);
      expect(await reader.read(cliRefs[1234].block, cliRefs[1234].index)).toBe(records[1234]);
      expect(await reader.read(appRefs[2999].block, appRefs[2999].index)).toBe(records[2999].toUpperCase());
    }
    db.close();
  });

  it('fills blocks of about 256 KiB and starts a new one past it', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.run("CREATE TABLE raw_blocks (id INTEGER PRIMARY KEY, codec TEXT NOT NULL, data BLOB NOT NULL)");
    const writer = new RawBlockWriter(db, nodePlatform);
    const line = 'x'.repeat(999);
    const refs = Array.from({ length: 600 }, () => writer.add(line));
    await writer.flush(true);
    // 262,144 bytes hold 262 records of 999 bytes and their newlines; the 263rd passes the limit.
    expect(refs[262]).toEqual({ block: 1, index: 262 });
    expect(refs[263]).toEqual({ block: 2, index: 0 });
    expect(db.exec('SELECT count(*) FROM raw_blocks')[0].values[0][0]).toBe(3);
    db.close();
  });

  it('hands out each block once it is compressed, in order, without waiting for the others', async () => {
    // The real codec, held back until the test lets each block's compression finish. gates[i] is
    // block i + 1's, in the order the blocks were sealed (the thread pool may finish them in any).
    const gates: (() => void)[] = [];
    let compressedCount = 0;
    const platform: Platform = {
      ...nodePlatform,
      compressRecords: async (data) => {
        const gate = new Promise<void>((release) => gates.push(release));
        const compressed = await nodePlatform.compressRecords(data);
        compressedCount++;
        await gate;
        return compressed;
      },
    };
    const gatherer = new RawBlockGatherer(platform);
    const line = 'y'.repeat(999);
    const untilCompressed = async (n: number): Promise<void> => {
      while (compressedCount < n) await new Promise((r) => setTimeout(r, 1));
    };
    for (let i = 0; i < 263 * 3; i++) gatherer.add(line);
    await untilCompressed(3);
    expect(await gatherer.take(false)).toEqual([]);
    gates[1]();
    await new Promise((r) => setTimeout(r, 1));
    // Block 2 is done, but block 1 before it is not: nothing yet, and the order is kept.
    expect(await gatherer.take(false)).toEqual([]);
    gates[0]();
    await new Promise((r) => setTimeout(r, 1));
    expect((await gatherer.take(false)).map((b) => b.id)).toEqual([1, 2]);
    // Past eight blocks compressing, a take waits for the oldest.
    for (let i = 0; i < 263 * 8; i++) gatherer.add(line);
    await untilCompressed(11);
    let taken: CompressedBlock[] | null = null;
    const waiting = gatherer.take(false).then((blocks) => (taken = blocks));
    await new Promise((r) => setTimeout(r, 5));
    expect(taken).toBeNull();
    gates[2]();
    await waiting;
    expect(taken!.map((b) => b.id)).toEqual([3]);
    for (const release of gates) release();
    const rest = await gatherer.take(true);
    expect(rest.map((b) => b.id)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    for (const block of rest) expect(new TextDecoder().decode(await nodePlatform.decompressRecords(String(block.codec), block.data)).split('\n')[0]).toBe(line);
  });

  it('hands blocks over as they are when told to, for the thread that stores them to compress', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.run("CREATE TABLE raw_blocks (id INTEGER PRIMARY KEY, codec TEXT NOT NULL, data BLOB NOT NULL)");
    const records = Array.from({ length: 2000 }, (_, i) => `{"auditID":"${i}","verb":"get","note":"${'é'.repeat(i % 900)}"}`);
    // The gathering thread has time for every other block only: it compresses those itself.
    let spare = false;
    const gatherer = new RawBlockGatherer(nodePlatform, 1, { kind: 'byCase', spare: () => (spare = !spare) });
    const refs = records.map((r) => gatherer.add(r));
    // No compression to wait for: every sealed block at once, then the last with `all`.
    const blocks = [...(await gatherer.take(false)), ...(await gatherer.take(true))];
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks.map((b) => b.codec)).toEqual(blocks.map((_, i) => (i % 2 === 0 ? 'brotli' : null)));
    const texts = await Promise.all(blocks.map(async (b) => new TextDecoder().decode(b.codec ? await nodePlatform.decompressRecords(b.codec, b.data) : b.data)));
    expect(texts.join('\n')).toBe(records.join('\n'));
    // The case's writer compresses each on its own thread as it stores it.
    const writer = new RawBlockWriter(db, nodePlatform);
    for (const block of blocks) writer.insert(block);
    expect(db.exec('SELECT DISTINCT codec FROM raw_blocks')[0].values).toEqual([['brotli']]);
    for (const i of [0, 333, 1999]) expect(await writer.read(refs[i].block, refs[i].index)).toBe(records[i]);
    // A host that compresses only asynchronously (the app's worker) refuses such a block rather than store it bare.
    const bare = new RawBlockWriter(db, portablePlatform);
    expect(() => bare.insert({ ...blocks[1], id: 99 })).toThrow(/uncompressed/);
    db.close();
  });
});
