import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Playwright cannot download its browsers here: use the system Chromium (apt-get install
// chromium), or $CHROMIUM_PATH; elsewhere, unset both and `npx playwright install chromium`.
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const executablePath = existsSync(systemChromium) ? systemChromium : undefined;

// Every tab of these tests connects from loopback, one address: the servers they start (which
// inherit this environment) must not refuse a spec file's rooms under the per-address limits.
process.env.MAX_ROOMS_PER_IP ??= '1000';
process.env.ROOMS_OPENED_PER_MIN_PER_IP ??= '1000';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // Four tabs of a game on a loaded two-core machine: the longest test took over a minute.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // Real tabs on two shared cores: a dash that must meet another player within a timeout failed
  // once in a full run while passing alone. One retry in CI; a test that fails twice is a bug.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 960, height: 640 },
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
