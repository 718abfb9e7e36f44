/**
 * Hands text to the user as a file: a download in the browser; in the desktop app Electron shows
 * its save dialog for it. Parts are joined by the Blob, never into one giant string.
 */
export function downloadParts(parts: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `findings-incident-42-20261121-1257.csv`: what, which case, when (local time of the machine). */
export function exportFileName(what: string, caseName: string, extension: string, now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const safeCase = caseName.replace(/[/\\<>:"|?*\u0000-\u001f\u007f]+/g, '_').replace(/\s+/g, '-').slice(0, 60) || 'case';
  return `${what}-${safeCase}-${stamp}.${extension}`;
}
