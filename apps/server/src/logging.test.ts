import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TEST_TODAY, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { createLogger } from './logger.ts';

let t: TestDatabase;
let base: string;
let close: () => Promise<void>;
const lines: string[] = [];
// Recognisable text a person writes: it must never reach the log.
const secret = `Hemlig kommentar ${crypto.randomUUID().slice(0, 8)} om rektorns ledarskap`;

beforeAll(async () => {
  t = await createTestDatabase();
  const webDist = join(tmpdir(), `kh-web-${crypto.randomUUID()}`);
  mkdirSync(webDist, { recursive: true });
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Kvalitetshjulet</title>');
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } });
  const now = new Date(`${TEST_TODAY}T10:00:00+01:00`);
  const server = createApp({ db: t.db, env: { demoLogin: true, webDist, secureCookies: false }, now: () => now, logger });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close?.();
  await t?.destroy();
});

const post = (path: string, cookie: string, body: unknown) =>
  fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: base },
    body: JSON.stringify(body),
  });

describe('structured logs', () => {
  it('log every request as JSON with a request id, and never answers, comments or cookies', async () => {
    const personas: any = await (await fetch(`${base}/trpc/session.demoPersonas`)).json();
    const anna = personas.result.data.find((p: { name: string }) => p.name === 'Anna Lindqvist');
    const login = await post('session.demoLogin', '', { userId: anna.userId });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const token = cookie.split('=')[1] ?? '';
    expect(token.length).toBeGreaterThan(20);

    const start: any = await (await fetch(`${base}/trpc/start.staff`, { headers: { cookie } })).json();
    const round = start.result.data.rounds.find((r: { state: string }) => r.state === 'open');
    const ref = { roundId: round.roundId, schoolUnitId: round.schoolUnitId };
    const opened: any = await (
      await fetch(`${base}/trpc/survey.open?input=${encodeURIComponent(JSON.stringify(ref))}`, { headers: { cookie } })
    ).json();
    const pages = opened.result.data.surveyJson.pages as { name: string; elements: { type: string; name: string }[] }[];
    const indicatorKeys = pages.flatMap((p) => p.elements.filter((e) => e.type === 'radiogroup').map((e) => e.name));
    const areaKey = pages[0]?.name as string;
    const answers = Object.fromEntries(indicatorKeys.map((k, i) => [k, (i % 4) + 1]));
    const input = { ...ref, draftId: crypto.randomUUID(), answers, comments: { [areaKey]: secret } };

    const saved = await post('survey.saveDraft', cookie, { ...input, revision: 1 });
    expect(saved.status).toBe(200);
    const requestId = saved.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    // Refused input that carries the text, in the body and in a query string.
    expect((await post('survey.saveDraft', cookie, { ...input, revision: 2, comments: { [secret]: secret } })).status).toBe(400);
    const badQuery = await fetch(`${base}/trpc/survey.open?input=${encodeURIComponent(JSON.stringify({ roundId: secret }))}`, {
      headers: { cookie },
    });
    expect(badQuery.status).toBe(400);
    const submitted = await post('survey.submit', cookie, input);
    expect(submitted.status).toBe(200);
    // A caller's own request id is kept, so a support case can be traced.
    const traced = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'support-4711' } });
    expect(traced.headers.get('x-request-id')).toBe('support-4711');

    const entries = lines.map((line) => JSON.parse(line));
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests.find((e) => e.reqId === requestId)).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/trpc/survey.saveDraft',
      status: 200,
    });
    expect(requests.find((e) => e.path === '/trpc/survey.submit')).toMatchObject({ status: 200 });
    expect(requests.filter((e) => e.path === '/trpc/survey.open').map((e) => e.status)).toEqual([200, 400]);
    expect(requests.find((e) => e.reqId === 'support-4711')).toMatchObject({ level: 'debug', path: '/healthz' });
    for (const e of requests) {
      expect(typeof e.time).toBe('string');
      expect(typeof e.ms).toBe('number');
    }

    const everything = lines.join('\n');
    expect(everything).not.toContain(secret.split(' ')[2]);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(encodeURIComponent(token));
    expect(everything).not.toContain('"answers"');
  });

  it('redact cookies, answers and comments even when a caller logs them by mistake', () => {
    const captured: string[] = [];
    const logger = createLogger({ destination: { write: (line: string) => captured.push(line) } });
    logger.info(
      { req: { headers: { cookie: 'kh_session=abc123secret' } }, input: { answers: { x: 3 } }, comments: { a: secret } },
      'oavsiktlig loggning',
    );
    expect(captured).toHaveLength(1);
    expect(captured[0]).not.toContain('abc123secret');
    expect(captured[0]).not.toContain(secret);
    expect(JSON.parse(captured[0] as string)).toMatchObject({
      req: { headers: { cookie: '[dolt]' } },
      input: '[dolt]',
      comments: '[dolt]',
    });
  });
});
