import { CONTENT_SECURITY_POLICY } from '../shared/csp';

/**
 * Navigation is allowed only to the app's own index.html (a fragment or query may differ): a link
 * in a log line, a drop, or a script must never turn the window into something else.
 */
export function isAllowedNavigation(target: string, appIndexUrl: string): boolean {
  let url: URL;
  let app: URL;
  try {
    url = new URL(target);
    app = new URL(appIndexUrl);
  } catch {
    return false;
  }
  return url.protocol === 'file:' && app.protocol === 'file:' && url.host === app.host && url.pathname === app.pathname;
}

/** IPC is answered only for the app's own page (Electron security checklist: validate the sender). */
export function isTrustedSender(frameUrl: string | null | undefined, appIndexUrl: string): boolean {
  return typeof frameUrl === 'string' && isAllowedNavigation(frameUrl, appIndexUrl);
}

/** window.open and target=_blank: always refused. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Camera, notifications, geolocation, clipboard reads, fullscreen requests...: an offline log
 * analyzer needs none of them, so every permission request and check is denied.
 */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/**
 * Response headers with our CSP, replacing any other (whatever its letter case): sent as a header
 * and kept equal to the meta tag of src/renderer/index.html.
 */
export function withContentSecurityPolicy(headers: Record<string, string | string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
