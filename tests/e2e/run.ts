/**
 * Runs the Playwright journeys in Debian's Chromium (or CHROMIUM_PATH). Never downloads a browser.
 * Without a browser: says plainly that the browser tests were skipped, except under CI=true,
 * where a missing browser is a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from './chromium.ts';

const here = dirname(fileURLToPath(import.meta.url));
const browser = chromiumPath();
if (!browser) {
  const message =
    'Webbläsartesterna hoppades över: ingen Chromium hittades (CHROMIUM_PATH eller /usr/bin/chromium). ' +
    'Installera den med "sudo apt-get install -y chromium" och kör "pnpm test" igen.';
  if (process.env.CI === 'true') {
    console.error(`FEL: ${message}`);
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}
if (!existsSync(resolve(here, '../../apps/web/dist/index.html'))) {
  console.error('Webbappen är inte byggd: kör "pnpm --filter @kvalitetshjulet/web build" först.');
  process.exit(1);
}
const result = spawnSync(
  'pnpm',
  ['exec', 'playwright', 'test', '--config', resolve(here, 'playwright.config.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    cwd: resolve(here, '..'),
  },
);
process.exit(result.status ?? 1);
