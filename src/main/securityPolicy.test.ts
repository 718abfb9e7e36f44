import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { isAllowedNavigation, isPermissionGranted, isTrustedSender, windowOpenDecision, withContentSecurityPolicy } from './securityPolicy';

const APP = 'file:///opt/trailhound/out/renderer/index.html';

describe('navigation', () => {
  it('allows only the app\'s own page', () => {
    expect(isAllowedNavigation(APP, APP)).toBe(true);
    expect(isAllowedNavigation(`${APP}#/timeline?x=1`, APP)).toBe(true);
    for (const target of [
      'https://attacker.example/',
      'http://127.0.0.1:7480/index.html',
      'file:///etc/passwd',
      'file:///opt/trailhound/out/renderer/other.html',
      'file://evil-host/opt/trailhound/out/renderer/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'not a url',
    ]) expect(isAllowedNavigation(target, APP), target).toBe(false);
  });

  it('trusts IPC only from the app page', () => {
    expect(isTrustedSender(APP, APP)).toBe(true);
    expect(isTrustedSender('https://attacker.example/', APP)).toBe(false);
    expect(isTrustedSender(undefined, APP)).toBe(false);
  });

  it('denies new windows and every permission', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) expect(isPermissionGranted(p)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('replaces any CSP header, whatever its case, and keeps the other headers', () => {
    const out = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html', 'X-A': ['1', '2'] });
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'X-A': ['1', '2'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('starts from default-src \'none\' and allows no remote origin nor eval beyond WebAssembly', () => {
    expect(CONTENT_SECURITY_POLICY.startsWith("default-src 'none'")).toBe(true);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|'unsafe-eval'|\*/);
  });

  it('is the same in src/renderer/index.html\'s meta tag', () => {
    const html = readFileSync(join(import.meta.dirname, '../renderer/index.html'), 'utf8');
    const metas = [...html.matchAll(/<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi)].map((m) => m[0]);
    expect(metas, 'index.html needs exactly one CSP meta tag').toHaveLength(1);
    const content = /content="([^"]*)"/i.exec(metas[0])?.[1] ?? /content='([^']*)'/i.exec(metas[0])?.[1];
    const decoded = content?.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    expect(decoded).toBe(CONTENT_SECURITY_POLICY);
  });
});
