import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type DestinationStream, type LevelWithSilent, type Logger, pino } from 'pino';

export type { Logger } from 'pino';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly LevelWithSilent[];
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Fields that must never reach a log line: session cookies and anything a person answered. The
 * request log never includes bodies or query strings in the first place; this is the second lock.
 */
export const REDACTED_PATHS = [
  'cookie',
  '*.cookie',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  '*.headers.authorization',
  'answers',
  '*.answers',
  'comments',
  '*.comments',
  'input',
  '*.input',
  'body',
  '*.body',
];

/** One JSON object per line on stdout (or `destination`), ISO timestamps, level names. */
export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'kvalitetshjulet' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[dolt]' },
    },
    options.destination,
  );
}

const requestIds = new WeakMap<IncomingMessage, string>();

/** A caller's own X-Request-Id is kept when it is short and plain; otherwise a new one is made. */
export function assignRequestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
  requestIds.set(req, id);
  return id;
}

export function requestIdOf(req: IncomingMessage | undefined): string | undefined {
  return req ? requestIds.get(req) : undefined;
}
