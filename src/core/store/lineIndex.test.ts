import { describe, expect, it } from 'vitest';
import { LineIndex, type IndexedLine } from './lineIndex';

/** Rows as a case would hold them, by id; `firstFile` is told the id the next row gets. */
class Rows {
  readonly byId = new Map<number, IndexedLine>();
  #nextId = 1;

  /** Offers a line to the index as the import does: a line first seen gets a row of its own. */
  offer(index: LineIndex, fileId: number, ts: number, nodeId: number, message: string): 'stored' | 'merged' {
    const first = index.firstFile(ts, nodeId, message, fileId, this.#nextId);
    if (first !== fileId) return 'merged';
    this.byId.set(this.#nextId++, { ts, nodeId, message, fileId });
    return 'stored';
  }
}

const everyLineCollides = (): number => 7;

describe('LineIndex', () => {
  it('tells a repeat from a hash collision by the row itself: time, node and text must all match', () => {
    const rows = new Rows();
    const index: LineIndex = new LineIndex((id) => rows.byId.get(id) ?? null, everyLineCollides);
    expect(rows.offer(index, 1, 1000, 5, 'Accepted publickey for deploy')).toBe('stored');
    expect(rows.offer(index, 1, 1000, 6, 'Accepted publickey for deploy')).toBe('stored');
    expect(rows.offer(index, 1, 1001, 5, 'Accepted publickey for deploy')).toBe('stored');
    expect(rows.offer(index, 1, 1000, 5, 'Accepted publickey for root')).toBe('stored');
    // The same four lines from a second file are all repeats, found past the colliding slots.
    expect(rows.offer(index, 2, 1000, 5, 'Accepted publickey for root')).toBe('merged');
    expect(rows.offer(index, 2, 1001, 5, 'Accepted publickey for deploy')).toBe('merged');
    expect(rows.offer(index, 2, 1000, 6, 'Accepted publickey for deploy')).toBe('merged');
    expect(rows.offer(index, 2, 1000, 5, 'Accepted publickey for deploy')).toBe('merged');
    expect(index.size).toBe(4);
  });

  it('keeps a line twice from one file (the log said it twice) and answers the first file for a third copy', () => {
    const rows = new Rows();
    const index: LineIndex = new LineIndex((id) => rows.byId.get(id) ?? null);
    expect(rows.offer(index, 1, 1000, 0, 'Failed password for root')).toBe('stored');
    expect(rows.offer(index, 1, 1000, 0, 'Failed password for root')).toBe('stored');
    expect(index.firstFile(1000, 0, 'Failed password for root', 3, 99)).toBe(1);
    expect(index.size).toBe(1);
  });

  it('compares texts as stored: a lone surrogate stored as U+FFFD is the same line', () => {
    const rows = new Rows();
    const index: LineIndex = new LineIndex((id) => rows.byId.get(id) ?? null);
    rows.offer(index, 1, 1000, 0, 'sshd: user \ud800x');
    // The case read back holds the stored form.
    rows.byId.set(1, { ...(rows.byId.get(1) as IndexedLine), message: 'sshd: user \ufffdx' });
    expect(rows.offer(index, 2, 1000, 0, 'sshd: user \ud800x')).toBe('merged');
    expect(rows.offer(index, 2, 1000, 0, 'sshd: user \ufffdx')).toBe('merged');
  });

  it('passes over a row the case does not hold (a stale slot) and records the line anew', () => {
    const rows = new Rows();
    const index: LineIndex = new LineIndex((id) => rows.byId.get(id) ?? null, everyLineCollides);
    rows.offer(index, 1, 1000, 0, 'session opened for user root');
    rows.byId.delete(1);
    expect(rows.offer(index, 2, 1000, 0, 'session opened for user root')).toBe('stored');
    expect(rows.offer(index, 3, 1000, 0, 'session opened for user root')).toBe('merged');
  });

  it('finds every line again after growing from a few thousand slots to a hundred thousand lines', () => {
    const rows = new Rows();
    const index: LineIndex = new LineIndex((id) => rows.byId.get(id) ?? null);
    const line = (i: number): [number, number, string] => [1_700_000_000_000_000 + (i % 977) * 1_000_000, i % 3, `Connection closed by 198.51.100.${i % 251} port ${i}`];
    for (let i = 0; i < 100_000; i++) expect(rows.offer(index, 1, ...line(i))).toBe('stored');
    let merged = 0;
    for (let i = 0; i < 100_000; i += 7) if (rows.offer(index, 2, ...line(i)) === 'merged') merged++;
    expect(merged).toBe(Math.ceil(100_000 / 7));
    expect(index.size).toBe(100_000);
  });
});
