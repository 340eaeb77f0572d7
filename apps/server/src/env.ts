import { resolve } from 'node:path';
import { DEFAULT_POOL_SIZE } from '@kvalitetshjulet/db';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './logger.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');

const booleanText = z
  .enum(['true', 'false', '1', '0'], { message: 'ska vara true eller false' })
  .transform((v) => v === 'true' || v === '1');

/** A whole number from `min` to `max`, with the messages the start stops with. */
const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ message: 'ska vara ett heltal' })
    .int('ska vara ett heltal')
    .min(min, `ska vara ${min}–${max}`)
    .max(max, `ska vara ${min}–${max}`);

const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { message: 'ska vara development, production eller test' })
    .default('development'),
  PORT: z.coerce
    .number({ message: 'ska vara ett portnummer' })
    .int('ska vara ett heltal')
    .min(1, 'ska vara 1–65535')
    .max(65535, 'ska vara 1–65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'ska börja med postgres:// eller postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1, 'får inte vara tom').optional(),
  DEMO_LOGIN: booleanText.optional(),
  SEED_DEMO: booleanText.optional(),
  WEB_DIST: z.string().min(1).optional(),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, 'ska vara en adress som https://kvalitet.exempel.se, utan snedstreck på slutet')
    .optional(),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ message: 'ska vara ett heltal' })
    .int('ska vara ett heltal')
    .min(1, 'ska vara minst 1')
    .default(10),
  DATABASE_PREPARED_STATEMENTS: booleanText.optional(),
  DATABASE_POOL_SIZE: wholeNumber(1, 100).default(DEFAULT_POOL_SIZE),
  SERVER_PROCESSES: wholeNumber(1, 64).default(1),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `ska vara ${LOG_LEVELS.join(', ')}` }).default('info'),
});

export interface Env {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demoLogin: boolean;
  seedDemo: boolean;
  webDist: string;
  secureCookies: boolean;
  /** Where browsers reach the app; the OIDC redirect URI is built from it. Unset: taken from the request's Host. */
  publicUrl: string | undefined;
  /** Login attempts (demo login, OIDC start and callback) per minute and IP address. */
  loginRateLimitPerMinute: number;
  /** OIDC client secrets by variable name (OIDC_SECRET_…); identity providers name theirs. */
  oidcSecrets: Record<string, string>;
  /** The JSON log's level (LOG_LEVEL). */
  logLevel: LogLevel;
  /** Repeated statements prepared on each PostgreSQL connection (DATABASE_PREPARED_STATEMENTS, default on). */
  preparedStatements: boolean;
  /** Connections to PostgreSQL per server process (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** Server processes sharing the port (SERVER_PROCESSES); more than one only on PostgreSQL. */
  serverProcesses: number;
}

/** Parses the environment once. Throws an error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Ogiltig miljövariabel – ${problems}`);
  }
  const e = result.data;
  const embedded = !e.DATABASE_URL;
  const demoLogin = e.DEMO_LOGIN ?? (embedded && e.NODE_ENV !== 'production');
  if (demoLogin && e.NODE_ENV === 'production') {
    throw new Error('Ogiltig miljövariabel – DEMO_LOGIN: demoinloggningen får inte slås på när NODE_ENV=production');
  }
  if (embedded && e.SERVER_PROCESSES > 1) {
    throw new Error(
      'Ogiltig miljövariabel – SERVER_PROCESSES: flera serverprocesser kräver PostgreSQL (DATABASE_URL); den inbäddade databasen kan bara användas av en process',
    );
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(repoRoot, e.DATA_DIR ?? '.data'),
    demoLogin,
    seedDemo: e.SEED_DEMO ?? embedded,
    webDist: resolve(repoRoot, e.WEB_DIST ?? 'apps/web/dist'),
    secureCookies: e.NODE_ENV === 'production',
    publicUrl: e.PUBLIC_URL,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    preparedStatements: e.DATABASE_PREPARED_STATEMENTS ?? true,
    poolSize: e.DATABASE_POOL_SIZE,
    serverProcesses: e.SERVER_PROCESSES,
    oidcSecrets: Object.fromEntries(
      Object.entries(source).filter((entry): entry is [string, string] => /^OIDC_SECRET_[A-Z0-9_]+$/.test(entry[0]) && !!entry[1]),
    ),
  };
}
