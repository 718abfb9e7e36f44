/** Separates a container's path from a member's path inside it: `bundle.tar.gz!prod/audit.log`. */
export const MEMBER_SEPARATOR = '!';

export type MemberName = { ok: true; name: string } | { ok: false; reason: string };

/**
 * Checks an entry name from a tar or zip and tidies it for the files table. A name that climbs out
 * of the archive (`../`), is absolute (`/etc/...`, `C:\...`, `\\server\...`) or holds a NUL is
 * refused: Trailhound never writes members to disk, but such a name is an attack on whoever
 * extracts the archive, and the analyst should see it as such rather than as a path. Backslashes
 * count as separators here, since Windows tools extract them as such.
 */
export function checkMemberName(raw: string): MemberName {
  const shown = JSON.stringify(raw.length > 200 ? `${raw.slice(0, 200)}…` : raw);
  if (raw.includes('\0')) return { ok: false, reason: `unsafe path in archive: ${shown} (NUL byte in the name)` };
  if (/^[/\\]/.test(raw) || /^[A-Za-z]:/.test(raw)) return { ok: false, reason: `unsafe path in archive: ${shown} (absolute path)` };
  const parts = raw.split(/[/\\]/);
  if (parts.includes('..')) return { ok: false, reason: `unsafe path in archive: ${shown} (climbs out of the archive with ..)` };
  // `./prod/audit.log` and `prod//audit.log` name the same member as `prod/audit.log`.
  const name = raw.split('/').filter((p) => p !== '' && p !== '.').join('/');
  if (name === '') return { ok: false, reason: `entry without a usable name in archive: ${shown}` };
  return { ok: true, name };
}

/** The stored path of a member: container path, separator, name inside. */
export function memberPath(containerPath: string, name: string): string {
  return `${containerPath}${MEMBER_SEPARATOR}${name}`;
}
