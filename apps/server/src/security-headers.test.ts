import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

let t: TestDatabase;
const servers: { base: string; close: () => Promise<void> }[] = [];

async function start(secureCookies: boolean): Promise<string> {
  const webDist = join(tmpdir(), `kh-web-${crypto.randomUUID()}`);
  mkdirSync(webDist, { recursive: true });
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Kvalitetshjulet</title>');
  const server = createApp({ db: t.db, env: { demoLogin: !secureCookies, webDist, secureCookies } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push({ base, close: () => new Promise((resolve) => server.close(() => resolve())) });
  return base;
}

let plain: string;
let tls: string;
beforeAll(async () => {
  t = await createTestDatabase();
  plain = await start(false);
  tls = await start(true);
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await t?.destroy();
});

function directives(csp: string | null): Map<string, string[]> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('security headers', () => {
  it('are on every kind of answer: the app, the API, health checks and refusals', async () => {
    const answers = [
      await fetch(`${plain}/resultat`),
      await fetch(`${plain}/trpc/session.me`),
      await fetch(`${plain}/healthz`),
      await fetch(`${plain}/trpc/session.logout`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
      await fetch(`${plain}/resultat`, { method: 'DELETE' }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 403, 405]);
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('allow scripts only from the app itself: no inline scripts, no eval, no other sites, no framing', async () => {
    const csp = directives((await fetch(`${plain}/`)).headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    for (const [, values] of csp) expect(values.some((v) => v.startsWith('http') || v === '*')).toBe(false);
  });

  it('send HSTS only when served over HTTPS (production), never on plain http', async () => {
    expect((await fetch(`${plain}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    const hsts = (await fetch(`${tls}/healthz`)).headers.get('strict-transport-security') ?? '';
    expect(hsts).toMatch(/max-age=(\d+)/);
    expect(Number(hsts.match(/max-age=(\d+)/)?.[1])).toBeGreaterThanOrEqual(15_552_000);
    expect(hsts).toContain('includeSubDomains');
  });
});

describe('request size', () => {
  it('refuses a body over 1 MB with 413 and keeps serving', async () => {
    const big = JSON.stringify({ userId: 'x'.repeat(1_100_000) });
    const res = await fetch(`${plain}/trpc/session.demoLogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: plain },
      body: big,
    });
    expect(res.status).toBe(413);
    expect((await fetch(`${plain}/healthz`)).status).toBe(200);
  });
});
