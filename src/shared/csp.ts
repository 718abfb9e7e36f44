/**
 * The renderer's Content-Security-Policy, from `default-src 'none'` upward. The main process sends
 * it as a header and index.html carries the same as a meta tag (a test keeps the two equal).
 * 'wasm-unsafe-eval' lets sql.js compile its WebAssembly; ECharts sets inline styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
