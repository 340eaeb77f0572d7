/**
 * BENCH heatmap-render-200x80: the comparison heatmap for 200 units × 80 indicators, rendered by
 * ECharts in Chromium (canvas), median of repeated renders, in milliseconds.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../e2e/chromium.ts';

/** What the benchmark page (apps/web/bench/heatmap-bench.ts) puts on window. */
interface BenchWindow {
  renderHeatmap: () => Promise<number>;
}

const root = resolve(import.meta.dirname, '..');
const out = join(root, '.tmp/bench-web');
const browserPath = chromiumPath();
if (!browserPath) {
  console.log('BENCH heatmap-render-200x80 skipped (ingen Chromium; installera paketet chromium)');
  process.exit(0);
}

const build = spawnSync('pnpm', ['--filter', '@kvalitetshjulet/web', 'exec', 'vite', 'build', '--config', 'bench/vite.config.ts'], {
  cwd: resolve(root, '..'),
  stdio: 'inherit',
});
if (build.status !== 0 || !existsSync(join(out, 'heatmap.html'))) throw new Error('Benchmarksidan kunde inte byggas');

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = join(out, (req.url ?? '/').split('?')[0] ?? '/');
  if (!path.startsWith(out) || !existsSync(path)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path).pipe(res);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;

const browser = await chromium.launch({
  executablePath: browserPath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`http://127.0.0.1:${port}/heatmap.html`);
  await page.waitForFunction(() => typeof (window as unknown as BenchWindow).renderHeatmap === 'function');
  const times: number[] = [];
  for (let i = 0; i < 7; i++) times.push(await page.evaluate(() => (window as unknown as BenchWindow).renderHeatmap()));
  const measured = times.slice(2).sort((a, b) => a - b);
  const median = measured[Math.floor(measured.length / 2)] ?? Number.NaN;
  console.log(`BENCH heatmap-render-200x80 ${median.toFixed(0)} ms`);
} finally {
  await browser.close();
  server.close();
}
