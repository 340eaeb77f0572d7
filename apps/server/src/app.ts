import { createServer, type Server } from 'node:http';
import { appRouter, resolveSession, SESSION_ABSOLUTE_MS } from '@kvalitetshjulet/api';
import { type Db, isMigrated } from '@kvalitetshjulet/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { handleAuthRequest, isLoginAttempt, sendTooManyLoginAttempts } from './auth-routes.ts';
import type { Env } from './env.ts';
import { isCrossSiteWrite, parseCookies, sendJson, serveStatic, sessionCookieHeader, setSecurityHeaders } from './http.ts';
import { createRateLimiter } from './rate-limit.ts';

export interface AppOptions {
  db: Db;
  env: Pick<Env, 'demoLogin' | 'webDist' | 'secureCookies'> & Partial<Pick<Env, 'publicUrl' | 'loginRateLimitPerMinute' | 'oidcSecrets'>>;
  now?: () => Date;
}

/** Wires HTTP to tRPC, health checks and the built web app. No business logic here. */
export function createApp({ db, env, now = () => new Date() }: AppOptions): Server {
  const cookieName = env.secureCookies ? '__Host-kh_session' : 'kh_session';
  const loginLimiter = createRateLimiter(env.loginRateLimitPerMinute ?? 10);
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: 1_000_000,
    createContext: async ({ req, res }) => {
      const token = parseCookies(req.headers.cookie)[cookieName];
      const session = await resolveSession(db, token, now());
      return {
        db,
        now,
        session,
        demoLoginEnabled: env.demoLogin,
        cookies: {
          set: (value: string, maxAge: number) =>
            res.appendHeader('set-cookie', sessionCookieHeader(cookieName, value, maxAge, env.secureCookies)),
          clear: () => res.appendHeader('set-cookie', sessionCookieHeader(cookieName, '', 0, env.secureCookies)),
        },
      };
    },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(JSON.stringify({ level: 'error', path, message: error.message }));
    },
  });

  return createServer((req, res) => {
    setSecurityHeaders(res, env.secureCookies);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      isMigrated(db)
        .then((ok) => sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not-migrated' }))
        .catch(() => sendJson(res, 503, { status: 'database-unreachable' }));
      return;
    }
    if (isLoginAttempt(path)) {
      const attempt = loginLimiter.take(req.socket.remoteAddress ?? 'unknown');
      if (!attempt.allowed) return sendTooManyLoginAttempts(res, req.url ?? path, attempt.retryAfterSeconds);
    }
    if (
      path.startsWith('/auth/') &&
      handleAuthRequest(req, res, path, {
        db,
        now,
        secure: env.secureCookies,
        sessionCookieName: cookieName,
        sessionMaxAgeSeconds: Math.floor(SESSION_ABSOLUTE_MS / 1000),
        publicUrl: env.publicUrl,
        oidcSecrets: env.oidcSecrets ?? {},
      })
    ) {
      return;
    }
    if (path.startsWith('/trpc/')) {
      const refused = isCrossSiteWrite(req);
      if (refused) return sendJson(res, 403, { error: { message: refused } });
      trpc(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { message: 'Metoden stöds inte.' } });
    serveStatic(env.webDist, req, res);
  });
}
