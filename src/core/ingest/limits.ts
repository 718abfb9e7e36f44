const MiB = 2 ** 20;
const GiB = 2 ** 30;

/**
 * Bounds on what one dropped file may make the importer do, so that a hostile or broken archive
 * costs a `partial` or `skipped` row with its reason instead of the whole import.
 *
 * - `maxNestingDepth` (8): archive and compression layers above a file. Each gzip, tar and zip
 *   layer counts one (`a.zip!b.tar.gz!x/audit.log.gz` is 4 deep). A deeper file is skipped.
 * - `maxExpansionRatio` (1000) and `ratioCheckAfterBytes` (16 MiB): once more than 16 MiB have
 *   been decompressed from one top-level input, they may not exceed 1000 times the input's bytes
 *   read so far. Logs compress 10-50:1 and one deflate layer cannot pass about 1032:1, so this
 *   stops stacked layers (a zip of zips) early; a single-layer bomb meets the total bound instead.
 * - `maxExpandedBytes` (64 GiB): decompressed bytes, all layers together, of one top-level input.
 * - `maxBufferedBytes` (256 MiB): the most held in memory for one file: a zip read from inside
 *   another archive or from an input without random access (its directory sits at its end), and
 *   an archive member read ahead to check it against the case's files before importing it.
 * - `maxArchiveEntries` (100,000): entries read from one tar or zip; the rest are left unread.
 * - `maxTarMetadataBytes` (1 MiB): a pax header or GNU long name, held in memory to be parsed.
 *
 * Past a bound the file being read is `partial` (what was read before the stop is kept) or
 * `skipped`, its container `partial`, and the import goes on with the next file.
 */
export const IMPORT_LIMITS = {
  maxNestingDepth: 8,
  maxExpansionRatio: 1000,
  ratioCheckAfterBytes: 16 * MiB,
  maxExpandedBytes: 64 * GiB,
  maxBufferedBytes: 256 * MiB,
  maxArchiveEntries: 100_000,
  maxTarMetadataBytes: 1 * MiB,
} as const;

export type ImportLimits = { readonly [K in keyof typeof IMPORT_LIMITS]: number };

/** A bound of IMPORT_LIMITS was reached; the message is the reason shown in the files table. */
export class LimitExceeded extends Error {}

const mib = (n: number): string => `${Math.round(n / MiB)} MiB`;

/**
 * Counts the bytes of one top-level input as stored and as decompressed (all layers), and stops
 * a decompression that passes the ratio or total bound. Shared by every layer under the input.
 */
export class ExpansionBudget {
  readonly #limits: ImportLimits;
  #stored = 0;
  #expanded = 0;
  #exceeded: LimitExceeded | null = null;

  constructor(limits: ImportLimits) {
    this.#limits = limits;
  }

  countStored(bytes: number): void {
    this.#stored += bytes;
  }

  /** Adds decompressed bytes; throws LimitExceeded past a bound (and on every call after). */
  countExpanded(bytes: number): void {
    if (this.#exceeded) throw this.#exceeded;
    this.#expanded += bytes;
    const { maxExpandedBytes, maxExpansionRatio, ratioCheckAfterBytes } = this.#limits;
    if (this.#expanded > maxExpandedBytes) {
      this.#exceeded = new LimitExceeded(`decompression stopped: more than ${mib(maxExpandedBytes)} decompressed from one input (possible decompression bomb)`);
    } else if (this.#expanded > ratioCheckAfterBytes && this.#expanded > maxExpansionRatio * this.#stored) {
      this.#exceeded = new LimitExceeded(
        `decompression stopped: ${mib(this.#expanded)} decompressed from ${this.#stored} bytes read, past the ${maxExpansionRatio}:1 ratio (possible decompression bomb)`,
      );
    }
    if (this.#exceeded) throw this.#exceeded;
  }

  /** Passes chunks on, counting them as decompressed. */
  async *track(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    for await (const chunk of chunks) {
      this.countExpanded(chunk.length);
      yield chunk;
    }
  }
}
