import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser: this machine cannot fetch one.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3107';

export default defineConfig({
  testDir: './tests',
  // Each backend's run keeps its own artefacts: the suite runs the two side by side, and
  // Playwright empties its output folder when it starts.
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  globalSetup: './global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'fr-FR',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'nojs', use: { javaScriptEnabled: false }, testIgnore: /hydration\.spec\.ts/ },
  ],
});
