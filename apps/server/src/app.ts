import { createServer, type Server } from 'node:http';
import { appRouter, resolveSession, SESSION_ABSOLUTE_MS } from '@kvalitetshjulet/api';
import { type Db, isMigrated } from '@kvalitetshjulet/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { handleAuthRequest, isLoginAttempt, sendTooManyLoginAttempts } from './auth-routes.ts';
import type { Env } from './env.ts';
import { isCrossSiteWrite, parseCookies, sendJson, serveStatic, sessionCookieHeader, setSecurityHeaders } from './http.ts';
import { assignRequestId, createLogger, type Logger, requestIdOf } from './logger.ts';
import { createRateLimiter } from './rate-limit.ts';

export interface AppOptions {
  db: Db;
  env: Pick<Env, 'demoLogin' | 'webDist' | 'secureCookies'> & Partial<Pick<Env, 'publicUrl' | 'loginRateLimitPerMinute' | 'oidcSecrets'>>;
  now?: () => Date;
  /** Structured request and error log (pino). Silent when left out, as in most tests. */
  logger?: Logger;
}

/** Wires HTTP to tRPC, health checks and the built web app. No business logic here. */
export function createApp({ db, env, now = () => new Date(), logger }: AppOptions): Server {
  const log = logger ?? createLogger({ level: 'silent' });
  const cookieName = env.secureCookies ? '__Host-kh_session' : 'kh_session';
  const loginLimiter = createRateLimiter(env.loginRateLimitPerMinute ?? 10);
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: 1_000_000,
    // A page batches a handful of queries; a request with hundreds is refused (the web client splits at 20).
    maxBatchSize: 20,
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
    onError: ({ error, path, req }) => {
      // Only the procedure, the code and the message: never the input (answers, comments).
      if (error.code === 'INTERNAL_SERVER_ERROR')
        log.error({ reqId: requestIdOf(req), procedure: path, message: error.message }, 'Anropet misslyckades');
    },
  });

  return createServer((req, res) => {
    setSecurityHeaders(res, env.secureCookies);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const reqId = assignRequestId(req);
    res.setHeader('x-request-id', reqId);
    const started = performance.now();
    res.on('finish', () => {
      // The path only: query strings and bodies can carry answers and are never logged.
      const line = { reqId, method: req.method, path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 };
      if (path === '/healthz' || path === '/readyz') log.debug(line, 'request');
      else log.info(line, 'request');
    });
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      isMigrated(db)
        .then((ok) => sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not-migrated' }))
        .catch((error: unknown) => {
          log.warn({ reqId, message: error instanceof Error ? error.message : String(error) }, 'Databasen svarar inte');
          sendJson(res, 503, { status: 'database-unreachable' });
        });
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
