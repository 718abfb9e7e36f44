import type { Result } from '../shared/desktopApi';

/** Larger than any case sql.js can hold in its 4 GiB WebAssembly memory alongside the work it does. */
export const MAX_CASE_BYTES = 2 * 1024 ** 3;
const MAX_NAME_LENGTH = 200;
/** Path separators, characters Windows refuses in names, and control characters. */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const FORBIDDEN_NAME_CHARS = /[/\\<>:"|?*\u0000-\u001f\u007f]/;

export interface SaveCaseArgs {
  bytes: Uint8Array;
  name: string;
}

/**
 * Checks what the renderer sent with saveCaseAs before anything touches the disk: the renderer
 * shows attacker-controlled text, so it is treated as untrusted. The name is only a suggestion
 * for the save dialog, and must be a plain file name: no folders, no way up.
 */
export function validateSaveCaseArgs(bytes: unknown, name: unknown): Result<SaveCaseArgs> {
  if (!(bytes instanceof Uint8Array)) return { ok: false, error: 'the case must be sent as bytes (Uint8Array)' };
  if (bytes.byteLength === 0) return { ok: false, error: 'the case is empty' };
  if (bytes.byteLength > MAX_CASE_BYTES) return { ok: false, error: `the case is larger than ${MAX_CASE_BYTES / 1024 ** 3} GiB` };
  if (typeof name !== 'string') return { ok: false, error: 'the file name must be text' };
  const trimmed = name.trim();
  if (trimmed === '' || trimmed === '.' || trimmed === '..' || trimmed.length > MAX_NAME_LENGTH || FORBIDDEN_NAME_CHARS.test(trimmed)) {
    return { ok: false, error: 'the suggested name must be a plain file name (no folders)' };
  }
  return { ok: true, value: { bytes, name: trimmed } };
}
