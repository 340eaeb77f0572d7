import { resolve } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumPath } from './chromium.ts';

const port = Number(process.env.E2E_PORT ?? 3917);
const dataDir = resolve(import.meta.dirname, `../.tmp/e2e-data-${port}`);

export default defineConfig({
  testDir: './specs',
  outputDir: `../.tmp/e2e-results-${port}`,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI === 'true' ? 1 : 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath() ?? undefined,
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
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } } },
    { name: 'mobile', use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } },
  ],
  webServer: {
    // The app as the README's first command starts it: embedded database, demo data, built web app.
    command: `rm -rf "${dataDir}" && pnpm --filter @kvalitetshjulet/server start`,
    url: `http://localhost:${port}/readyz`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      NODE_ENV: 'test',
      // One JSON line per request would drown the test output; warnings and errors still show.
      LOG_LEVEL: 'warn',
      DEMO_LOGIN: 'true',
      SEED_DEMO: 'true',
      // Every journey logs in from the same address: lift the login rate limit for the test run.
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    },
    stdout: 'pipe',
  },
});
