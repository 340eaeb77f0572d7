import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  beginOidcLogin,
  completeOidcLogin,
  endSession,
  type OidcLoginFailure,
  type OidcOptions,
  resolveSession,
} from '@kvalitetshjulet/api';
import type { Db } from '@kvalitetshjulet/db';
import { parseCookies, sendJson, sessionCookieHeader } from './http.ts';

/**
 * The OpenID Connect login over plain HTTP (a browser navigates here, so no tRPC):
 *   GET /auth/oidc/:providerId/start → redirect to the provider (PKCE, state, nonce)
 *   GET /auth/oidc/callback          → new session, redirect to the start page
 * The business logic is in packages/api (use-cases/identity.ts).
 */
export interface AuthRoutesOptions {
  db: Db;
  now: () => Date;
  secure: boolean;
  sessionCookieName: string;
  sessionMaxAgeSeconds: number;
  publicUrl: string | undefined;
  oidcSecrets: Record<string, string>;
}

const START = /^\/auth\/oidc\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/start$/;
const CALLBACK = '/auth/oidc/callback';

/** Requests that count as login attempts for the rate limit. */
export function isLoginAttempt(path: string): boolean {
  return path.startsWith('/auth/') || (path.startsWith('/trpc/') && path.includes('session.demoLogin'));
}

const TOO_MANY = 'För många inloggningsförsök från din adress. Vänta en minut och försök sedan igen.';

/** 429 with a Swedish message: in tRPC's error shape for tRPC calls (so the page shows it), as a page otherwise. */
export function sendTooManyLoginAttempts(res: ServerResponse, url: string, retryAfterSeconds: number): void {
  res.setHeader('retry-after', String(retryAfterSeconds));
  const [path = '/', query = ''] = url.split('?');
  if (path.startsWith('/trpc/')) {
    const error = { error: { message: TOO_MANY, code: -32029, data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429 } } };
    const batch = new URLSearchParams(query).get('batch') === '1';
    sendJson(
      res,
      429,
      batch
        ? path
            .slice('/trpc/'.length)
            .split(',')
            .map(() => error)
        : error,
    );
    return;
  }
  res.writeHead(429, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>För många inloggningsförsök – Kvalitetshjulet</title></head><body><main><h1>För många inloggningsförsök</h1>` +
      `<p>${TOO_MANY}</p><p><a href="/logga-in">Tillbaka till inloggningen</a></p></main></body></html>`,
  );
}

function stateCookieName(secure: boolean): string {
  return secure ? '__Host-kh_oidc_state' : 'kh_oidc_state';
}

function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
  res.writeHead(302, { location, 'cache-control': 'no-store', ...(cookies.length ? { 'set-cookie': cookies } : {}) });
  res.end();
}

/** Where the browser goes when a login did not work: a page that says what happened and what to do. */
export function failureLocation(reason: OidcLoginFailure, providerId: string | null): string {
  if (reason === 'not-registered' && providerId) return `/inte-registrerad?inloggning=${encodeURIComponent(providerId)}`;
  return `/logga-in?fel=${encodeURIComponent(reason)}`;
}

function logFailure(step: string, reason: OidcLoginFailure, providerId: string | null, detail: string): void {
  console.warn(JSON.stringify({ level: 'warn', event: 'oidc-login-refused', step, reason, providerId, detail }));
}

/** Handles /auth/… requests. Returns false when the path is not one of ours. */
export function handleAuthRequest(req: IncomingMessage, res: ServerResponse, path: string, options: AuthRoutesOptions): boolean {
  const start = START.exec(path);
  if (!start && path !== CALLBACK) return false;
  if (req.method !== 'GET') {
    sendJson(res, 405, { error: { message: 'Metoden stöds inte.' } });
    return true;
  }
  const publicUrl = options.publicUrl ?? (options.secure ? undefined : `http://${req.headers.host ?? 'localhost'}`);
  const oidcOptions: OidcOptions = {
    publicUrl: publicUrl ?? '',
    secret: (name) => options.oidcSecrets[name],
    allowInsecureLoopback: !options.secure,
  };
  const stateCookie = stateCookieName(options.secure);
  const work = async () => {
    if (start) {
      const providerId = start[1] ?? '';
      if (!publicUrl) {
        logFailure('start', 'not-configured', providerId, 'PUBLIC_URL is not set');
        return redirect(res, failureLocation('not-configured', providerId));
      }
      const begun = await beginOidcLogin(options.db, providerId, oidcOptions, options.now());
      if (!begun.ok) {
        logFailure('start', begun.reason, providerId, begun.detail);
        return redirect(res, failureLocation(begun.reason, providerId));
      }
      return redirect(res, begun.redirectTo, [sessionCookieHeader(stateCookie, begun.state, begun.maxAgeSeconds, options.secure)]);
    }
    const cookies = parseCookies(req.headers.cookie);
    const clearState = sessionCookieHeader(stateCookie, '', 0, options.secure);
    if (!publicUrl) {
      logFailure('callback', 'not-configured', null, 'PUBLIC_URL is not set');
      return redirect(res, failureLocation('not-configured', null), [clearState]);
    }
    const now = options.now();
    const result = await completeOidcLogin(
      options.db,
      { callbackUrl: new URL(req.url ?? CALLBACK, publicUrl), cookieState: cookies[stateCookie] },
      oidcOptions,
      now,
    );
    if (!result.ok) {
      logFailure('callback', result.reason, result.providerId, result.detail);
      return redirect(res, failureLocation(result.reason, result.providerId), [clearState]);
    }
    // A new session id at every login: whatever session this browser had before ends now.
    const previous = await resolveSession(options.db, cookies[options.sessionCookieName], now);
    if (previous) await endSession(options.db, previous.sessionId);
    return redirect(res, '/', [
      clearState,
      sessionCookieHeader(options.sessionCookieName, result.token, options.sessionMaxAgeSeconds, options.secure),
    ]);
  };
  work().catch((error) => {
    console.error(
      JSON.stringify({ level: 'error', event: 'oidc-login-error', message: error instanceof Error ? error.message : String(error) }),
    );
    if (!res.headersSent) redirect(res, failureLocation('failed', null));
  });
  return true;
}
