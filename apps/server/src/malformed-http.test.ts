/**
 * Malformed HTTP through the real server: bad JSON, the wrong content type, oversized bodies, the
 * wrong method, unknown procedures, batch abuse and generated garbage. Every one is refused with a
 * 4xx status (never a 5xx), with a JSON error, and the server keeps answering afterwards.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRouter } from '@kvalitetshjulet/api';
import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

let t: TestDatabase;
let base: string;
let close: () => Promise<void>;
let cookie: string;
const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, { _def: { type: string } }> }).procedures);
const queries = procedures.filter(([, p]) => p._def.type === 'query').map(([path]) => path);
const mutations = procedures.filter(([, p]) => p._def.type === 'mutation').map(([path]) => path);

beforeAll(async () => {
  t = await createTestDatabase();
  const webDist = join(tmpdir(), `kh-web-${crypto.randomUUID()}`);
  mkdirSync(webDist, { recursive: true });
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Kvalitetshjulet</title>');
  const server = createApp({ db: t.db, env: { demoLogin: true, webDist, secureCookies: false, loginRateLimitPerMinute: 10_000 } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
  const personas: any = await (await fetch(`${base}/trpc/session.demoPersonas`)).json();
  const maria = personas.result.data.find((p: { name: string }) => p.name === 'Maria Svensson');
  const login = await fetch(`${base}/trpc/session.demoLogin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ userId: maria.userId }),
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});
afterAll(async () => {
  await close?.();
  await t?.destroy();
});

interface Sent {
  status: number;
  body: string;
}

async function send(path: string, init: RequestInit = {}): Promise<Sent> {
  const headers = new Headers(init.headers);
  if (!headers.has('cookie')) headers.set('cookie', cookie);
  if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', base);
  const res = await fetch(`${base}${path}`, { ...init, headers });
  return { status: res.status, body: await res.text() };
}

const post = (path: string, body: string, contentType = 'application/json') =>
  send(path, { method: 'POST', headers: { 'content-type': contentType }, body });

/** Refused with a client error, as JSON, and the server still answers. */
async function expectRefused(sent: Sent, status?: number): Promise<void> {
  if (status !== undefined) expect(sent.status).toBe(status);
  expect(sent.status).toBeGreaterThanOrEqual(400);
  expect(sent.status).toBeLessThan(500);
  const parsed = JSON.parse(sent.body);
  const message: unknown = (Array.isArray(parsed) ? parsed[0] : parsed).error?.message;
  expect(message, sent.body.slice(0, 200)).toMatch(/[åäöÅÄÖ]|inte|Ogiltig|Begäran/);
  expect(message).not.toMatch(/\b(Invalid|Unexpected|expected|Unsupported|No procedure|exceeds)\b/);
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
}

describe('malformed HTTP to the API', () => {
  it('refuses bad JSON in a mutation body with 400 and a Swedish message', async () => {
    for (const body of ['{not json', '{"userId":', '', 'null', '[]', '"x"', '\u0000', '{"a":1}{"b":2}']) {
      await expectRefused(await post('/trpc/rounds.close', body), 400);
    }
  });

  it('refuses other content types than JSON for writes', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '']) {
      await expectRefused(await post('/trpc/rounds.close', '{"roundId":"x"}', type), 403);
    }
  });

  it('refuses a body over the size limit with 413', async () => {
    const huge = JSON.stringify({ fileName: 'a.csv', contentBase64: 'A'.repeat(1_100_000) });
    await expectRefused(await post('/trpc/administration.previewImport', huge), 413);
  });

  it('refuses the wrong method: a query by POST, a mutation by GET, PUT and DELETE', async () => {
    await expectRefused(await post('/trpc/session.me', '{}'), 405);
    await expectRefused(await send('/trpc/session.logout'), 405);
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const sent = await send('/trpc/rounds.close', { method, headers: { 'content-type': 'application/json' }, body: '{}' });
      await expectRefused(sent);
    }
  });

  it('answers an unknown procedure with 404', async () => {
    for (const path of [
      '/trpc/nope',
      '/trpc/results.nope',
      '/trpc/results',
      '/trpc/__proto__',
      '/trpc/constructor.prototype',
      '/trpc/a.b.c.d.e',
    ]) {
      await expectRefused(await send(path), 404);
    }
  });

  it('refuses batch abuse: too many calls in one request, and malformed batch input', async () => {
    const many = Array.from({ length: 200 }, () => 'session.me').join(',');
    await expectRefused(await send(`/trpc/${many}?batch=1&input=${encodeURIComponent('{}')}`), 400);
    await expectRefused(await send(`/trpc/session.me,session.me?batch=1&input=not-json`), 400);
    await expectRefused(await send(`/trpc/session.me?input=${encodeURIComponent('{"0":')}`), 400);
    const mixed = await post('/trpc/session.me,rounds.close?batch=1', '{"0":{},"1":{}}');
    expect(mixed.status).toBeGreaterThanOrEqual(400);
    expect(mixed.status).toBeLessThan(500);
  });

  it('refuses a header or URL that is too large, and deeply nested JSON, without falling over', async () => {
    // On its own connection: the server closes a connection whose headers overflow.
    const longUrl = await new Promise<number>((resolve, reject) =>
      get(`${base}/trpc/session.me?input=${'a'.repeat(70_000)}`, { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject),
    );
    expect(longUrl).toBeGreaterThanOrEqual(400);
    expect(longUrl).toBeLessThan(500);
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    await expectRefused(await post('/trpc/rounds.close', deep));
    const deepObject = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    await expectRefused(await post('/trpc/rounds.close', deepObject));
  });

  it('answers generated garbage to every procedure with a 4xx or a 200, never a 5xx', async () => {
    let calls = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...queries, ...mutations, 'nope', 'results.unit,results.team'),
        fc.constantFrom('GET', 'POST'),
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.constant('{"0":{"json":null}}'),
        ),
        async (path, method, body) => {
          calls++;
          const sent = method === 'GET' ? await send(`/trpc/${path}?input=${encodeURIComponent(body)}`) : await post(`/trpc/${path}`, body);
          if (sent.status >= 500)
            throw new Error(`${method} ${path} ${JSON.stringify(body).slice(0, 200)} → ${sent.status} ${sent.body.slice(0, 300)}`);
        },
      ),
      { numRuns: 100 },
    );
    expect(calls).toBe(100);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
