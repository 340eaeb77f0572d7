import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '@kvalitetshjulet/api';
import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppOptions, createApp } from './app.ts';

let t: TestDatabase;
let webDist: string;
const servers: Server[] = [];
let clock = new Date('2026-11-23T08:00:00+01:00');

async function start(env: Partial<AppOptions['env']> = {}): Promise<string> {
  const server = createApp({ db: t.db, env: { demoLogin: true, webDist, secureCookies: false, ...env }, now: () => clock });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function demoLogin(base: string, name: string): Promise<Response> {
  const personas: any = await (await fetch(`${base}/trpc/session.demoPersonas`)).json();
  const person = personas.result.data.find((p: { name: string }) => p.name === name);
  return fetch(`${base}/trpc/session.demoLogin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ userId: person.userId }),
  });
}

async function cookieFor(base: string, name: string): Promise<string> {
  const res = await demoLogin(base, name);
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function whoIs(base: string, cookie: string): Promise<string | null> {
  const body: any = await (await fetch(`${base}/trpc/session.me`, { headers: { cookie } })).json();
  return body.result.data?.name ?? null;
}

beforeAll(async () => {
  t = await createTestDatabase();
  webDist = join(tmpdir(), `kh-web-${crypto.randomUUID()}`);
  mkdirSync(webDist, { recursive: true });
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Kvalitetshjulet</title>');
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  await t?.destroy();
});

describe('session cookie', () => {
  it('is __Host- prefixed, HttpOnly, Secure and SameSite=Lax when served over HTTPS (production)', async () => {
    const base = await start({ secureCookies: true, loginRateLimitPerMinute: 100 });
    const res = await demoLogin(base, 'Anna Lindqvist');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-kh_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('leaves out Secure on plain http in development, keeping HttpOnly and SameSite=Lax', async () => {
    const base = await start({ loginRateLimitPerMinute: 100 });
    const res = await demoLogin(base, 'Anna Lindqvist');
    expect(res.headers.get('set-cookie')).toMatch(/^kh_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
  });
});

describe('session lifetime', () => {
  it(`ends after ${SESSION_IDLE_MS / 3_600_000} hours without activity`, async () => {
    clock = new Date('2026-11-23T08:00:00+01:00');
    const base = await start({ loginRateLimitPerMinute: 100 });
    const cookie = await cookieFor(base, 'Erik Johansson');
    clock = new Date(clock.getTime() + SESSION_IDLE_MS - 60_000);
    expect(await whoIs(base, cookie)).toBe('Erik Johansson');
    clock = new Date(clock.getTime() + SESSION_IDLE_MS - 60_000);
    expect(await whoIs(base, cookie)).toBe('Erik Johansson');
    clock = new Date(clock.getTime() + SESSION_IDLE_MS + 60_000);
    expect(await whoIs(base, cookie)).toBeNull();
    // And the row is gone, so it does not come back.
    clock = new Date(clock.getTime() - SESSION_IDLE_MS);
    expect(await whoIs(base, cookie)).toBeNull();
  });

  it(`ends ${SESSION_ABSOLUTE_MS / 3_600_000} hours after login however active the person is`, async () => {
    const loginAt = new Date('2026-11-23T07:00:00+01:00');
    clock = loginAt;
    const base = await start({ loginRateLimitPerMinute: 100 });
    const cookie = await cookieFor(base, 'Maria Svensson');
    for (let hours = 1; hours < SESSION_ABSOLUTE_MS / 3_600_000; hours++) {
      clock = new Date(loginAt.getTime() + hours * 3_600_000);
      expect(await whoIs(base, cookie)).toBe('Maria Svensson');
    }
    clock = new Date(loginAt.getTime() + SESSION_ABSOLUTE_MS + 1_000);
    expect(await whoIs(base, cookie)).toBeNull();
  });
});

describe('CSRF: cookie-authenticated calls must come from the app itself as JSON', () => {
  it.each([
    ['another site’s Origin', { 'content-type': 'application/json', origin: 'https://evil.example' }],
    ['a sibling subdomain’s Origin', { 'content-type': 'application/json', origin: 'http://evil.127.0.0.1.nip.io' }],
    ['no Origin but Sec-Fetch-Site: cross-site', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }],
    ['no Origin but Sec-Fetch-Site: same-site', { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }],
    ['a form post', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['a multipart form', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['text/plain (a no-CORS fetch)', { 'content-type': 'text/plain' }],
    ['no content type', {}],
    ['an Origin that is not a URL', { 'content-type': 'application/json', origin: 'null' }],
  ])('refuses %s and leaves the session alone', async (_label, headers: Record<string, string>) => {
    clock = new Date('2026-11-23T10:00:00+01:00');
    const base = await start({ loginRateLimitPerMinute: 100 });
    const cookie = await cookieFor(base, 'Erik Johansson');
    const res = await fetch(`${base}/trpc/session.logout`, { method: 'POST', headers: { cookie, ...headers }, body: '{}' });
    expect(res.status).toBe(403);
    const body: any = await res.json();
    expect(body.error.message).toMatch(/JSON|annan webbplats|ursprung/);
    expect(await whoIs(base, cookie)).toBe('Erik Johansson');
  });

  it('accepts the app’s own call (same Origin, or Sec-Fetch-Site: same-origin without Origin)', async () => {
    clock = new Date('2026-11-23T10:00:00+01:00');
    const base = await start({ loginRateLimitPerMinute: 100 });
    const first = await cookieFor(base, 'Erik Johansson');
    const sameOrigin = await fetch(`${base}/trpc/session.logout`, {
      method: 'POST',
      headers: { cookie: first, 'content-type': 'application/json', origin: base, 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(sameOrigin.status).toBe(200);
    expect(await whoIs(base, first)).toBeNull();
    const second = await cookieFor(base, 'Erik Johansson');
    const noOrigin = await fetch(`${base}/trpc/session.logout`, {
      method: 'POST',
      headers: { cookie: second, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(noOrigin.status).toBe(200);
    expect(await whoIs(base, second)).toBeNull();
  });
});

describe('login rate limit', () => {
  it('answers the demo login with 429 and a Swedish message after 10 attempts a minute from one address', async () => {
    const base = await start();
    for (let i = 0; i < 10; i++) expect((await demoLogin(base, 'Anna Lindqvist')).status).toBe(200);
    const refused = await demoLogin(base, 'Anna Lindqvist');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body: any = await refused.json();
    expect(body.error.message).toBe('För många inloggningsförsök från din adress. Vänta en minut och försök sedan igen.');
    // In tRPC's batch shape too, so the login page shows the message.
    const batch = await fetch(`${base}/trpc/session.demoLogin?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ 0: { userId: crypto.randomUUID() } }),
    });
    expect(batch.status).toBe(429);
    expect(((await batch.json()) as any)[0].error.message).toMatch(/^För många inloggningsförsök/);
    // Other calls are not limited.
    expect((await fetch(`${base}/trpc/session.me`)).status).toBe(200);
  });

  it('limits the OpenID Connect start and way back too, with a Swedish page', async () => {
    const base = await start({ loginRateLimitPerMinute: 2 });
    expect((await fetch(`${base}/auth/oidc/${crypto.randomUUID()}/start`, { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(`${base}/auth/oidc/callback?state=x&code=y`, { redirect: 'manual' })).status).toBe(302);
    const refused = await fetch(`${base}/auth/oidc/callback?state=x&code=y`, { redirect: 'manual' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('text/html');
    const html = await refused.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('För många inloggningsförsök');
  });
});
