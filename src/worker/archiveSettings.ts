import type { ImportSettings } from './protocol';

const MEMBER_SEPARATOR = '!';

/**
 * The review lists what the analyst chose: an archive is one row, but the engine looks settings up
 * by each member's own path (`bundle.tar.gz!prod/audit.log`), which is known only once it is read.
 * A lookup that finds nothing for a member falls back to its top-level archive's settings.
 */
function inheritedByMembers<T>(byPath: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!byPath || Object.keys(byPath).length === 0) return byPath;
  return new Proxy(byPath, {
    get(target, key) {
      if (typeof key !== 'string') return undefined;
      if (Object.hasOwn(target, key)) return target[key];
      const top = key.split(MEMBER_SEPARATOR)[0];
      return top !== key && Object.hasOwn(target, top) ? target[top] : undefined;
    },
  });
}

/** The review's settings as the engine reads them, with an archive's settings holding for its members. */
export function settingsForMembers(settings: ImportSettings | undefined): ImportSettings {
  if (!settings) return {};
  const clock = settings.clockOffsetMs;
  return {
    ...settings,
    files: inheritedByMembers(settings.files),
    clockOffsetMs: clock && { files: inheritedByMembers(clock.files), nodes: clock.nodes },
  };
}
