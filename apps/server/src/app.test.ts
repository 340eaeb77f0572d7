import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

let t: TestDatabase;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  t = await createTestDatabase();
  const webDist = join(tmpdir(), `kh-web-${crypto.randomUUID()}`);
  mkdirSync(webDist, { recursive: true });
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Kvalitetshjulet</title>');
  const server = createApp({ db: t.db, env: { demoLogin: true, webDist, secureCookies: false } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close?.();
  await t?.destroy();
});

async function demoLogin(name: string): Promise<string> {
  const personas: any = await (await fetch(`${base}/trpc/session.demoPersonas`)).json();
  const person = personas.result.data.find((p: { name: string }) => p.name === name);
  const res = await fetch(`${base}/trpc/session.demoLogin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ userId: person.userId }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/^kh_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
  return cookie.split(';')[0] ?? '';
}

describe('HTTP host', () => {
  it('answers /healthz and /readyz with 200 when the database is migrated', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves the web app for client-side routes, with security headers', async () => {
    const res = await fetch(`${base}/logga-in`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Kvalitetshjulet');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('logs in through the demo login and answers as that person', async () => {
    const cookie = await demoLogin('Erik Johansson');
    const me: any = await (await fetch(`${base}/trpc/session.me`, { headers: { cookie } })).json();
    expect(me.result.data.name).toBe('Erik Johansson');
  });

  it('refuses a cookie-authenticated write from another site or as a form post', async () => {
    const cookie = await demoLogin('Erik Johansson');
    const crossSite = await fetch(`${base}/trpc/session.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    const formPost = await fetch(`${base}/trpc/session.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: 'a=1',
    });
    expect(formPost.status).toBe(403);
    const me: any = await (await fetch(`${base}/trpc/session.me`, { headers: { cookie } })).json();
    expect(me.result.data?.name).toBe('Erik Johansson');
  });

  it('answers an unauthenticated call with 401 and a Swedish message', async () => {
    const res = await fetch(`${base}/trpc/start.organizer`);
    expect(res.status).toBe(401);
    const body: any = await res.json();
    expect(body.error.message).toBe('Du är inte inloggad. Logga in och försök igen.');
  });
});
