import { resolve } from 'node:path';
import type { CaseStore } from '../core/store/caseStore';
import { caseSizeBytes, caseSizeProblem } from '../core/store/caseLimits';
import { writeFileAtomic } from '../node/atomicWrite';
import { CliError } from './cliIo';

/** Writes the case back atomically (temp file, then rename) and closes it; too large a case is refused, unchanged. */
export async function writeCaseFile(store: CaseStore, casePath: string, command: string): Promise<void> {
  const problem = caseSizeProblem(caseSizeBytes(store.db));
  if (problem) {
    store.close();
    throw new CliError(`${command}: ${casePath} was not changed: ${problem}`);
  }
  await store.flushAll();
  const bytes = store.closeIntoBytes();
  try {
    await writeFileAtomic(casePath, bytes);
  } catch (err) {
    throw new CliError(`${command}: cannot write ${casePath}: ${(err as Error).message}`);
  }
}

/** Who is acting, for the activity log: --analyst, else $TRAILHOUND_ANALYST, else the login name. */
export function analystName(given: string | undefined, env: Readonly<Record<string, string | undefined>> | undefined): string | null {
  return given?.trim() || env?.TRAILHOUND_ANALYST?.trim() || env?.USER?.trim() || env?.USERNAME?.trim() || null;
}

/** An output path must not be the case itself: an export never overwrites the evidence. */
export function checkOutputPath(command: string, output: string, casePath: string): void {
  if (resolve(output) === resolve(casePath)) throw new CliError(`${command}: the output ${output} is the case file itself; choose another path`);
}
