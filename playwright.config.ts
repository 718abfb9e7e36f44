import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the built renderer (`electron-vite build` first) in Debian's Chromium, with
 * the real worker and sql.js. Electron's binary cannot run here; the renderer is the same.
 */
/** E2E_PORT lets two checkouts run their suites side by side. */
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  // One retry in CI absorbs a timing hiccup on a loaded 2-core runner; a real failure fails twice.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  webServer: {
    command: `node e2e/static-server.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1440, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
    colorScheme: 'dark',
    acceptDownloads: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
