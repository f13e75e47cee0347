import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. Each test starts its own browser-mode server
// on a fresh database (see test/e2e/fixtures.ts), from a bundle made once (global-setup.ts).
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: 'test-results/e2e-artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    // As a PC with animations turned off (renderer/app/theme.ts stillTheme): a quarter less time,
    // and no click landing on a dialog still fading. dialogs.spec.ts runs with the animations on.
    reducedMotion: 'reduce',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
