/**
 * The worker calls behind the import review and the CSV column-mapping dialog (issue 3), merged
 * into EngineCalls in ./protocol.ts.
 */
import type { CsvMapping } from '../core/formats/csvMapped';

/** Cluster and node as a path names them (`prod-eu-1/nodes/wk-1/auth.log`), null where it does not. */
export interface PathAttribution {
  cluster: string | null;
  node: string | null;
}

export interface CsvHead {
  header: string[] | null;
  sample: string[];
}

export interface CsvMappingCalls {
  /** What the engine derives from each path, shown as the default in the import review. */
  attributions: { args: { paths: string[] }; result: { attributions: PathAttribution[] } };
  /**
   * The header cells of a file's first line when it reads as a CSV or TSV header (two cells or
   * more), else null; with the first data row's cells, so that the analyst sees what each column holds.
   */
  csvHeader: { args: { file: Blob }; result: CsvHead };
  /** The column mappings saved in the case; every import tries them before the built-in formats. */
  csvMappings: { args: Record<string, never>; result: { mappings: CsvMapping[] } };
  /** Saves a mapping (replacing one of the same name); refused with its problems when incomplete. */
  saveCsvMapping: { args: { mapping: CsvMapping }; result: { mappings: CsvMapping[] } };
}
