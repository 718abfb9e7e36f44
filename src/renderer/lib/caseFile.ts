/** Saving and naming case files, in the desktop app (native dialog, atomic write) and in the browser (a download). */

const CASE_SUFFIX = /\.trailhound\.sqlite$|\.sqlite3?$|\.db$/i;

/** `case-20261121-1257.trailhound.sqlite`, from the time of saving. */
export function suggestedCaseFileName(caseName: string | null, now = new Date()): string {
  if (caseName) return `${caseName}.trailhound.sqlite`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `case-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.trailhound.sqlite`;
}

/** The case's display name from its file name or path. */
export function caseNameFromPath(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return base.replace(CASE_SUFFIX, '') || base;
}

/** Saves the case bytes; resolves to the saved name or path, or null when the user cancelled the dialog. */
export async function saveCaseBytes(bytes: ArrayBuffer, fileName: string): Promise<string | null> {
  const desktop = window.trailhound;
  if (desktop) {
    const result = await desktop.saveCaseAs(new Uint8Array(bytes), fileName);
    if (!result.ok) throw new Error(`The case could not be saved: ${result.error}`);
    return result.value;
  }
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.sqlite3' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return fileName;
}
