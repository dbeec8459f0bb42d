import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { artifactsDir } from './support/paths';

// Playwright cannot download its own browser here: it drives Debian's chromium. As root chromium needs
// --no-sandbox; the other switches keep it from reaching out to the network in an offline test run.
const chromium = process.env.BOTPBX_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './specs',
  outputDir: path.join(artifactsDir, 'results'),
  globalSetup: './support/globalSetup.ts',
  // One API and one database per run, shared by the tests, on a shared 2-core machine: run tests one by one.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
