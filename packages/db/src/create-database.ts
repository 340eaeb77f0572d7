import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize?: number; onPoolError?: (error: Error) => void }
  | { kind: 'pglite'; dataDir: string };

export type Db = Kysely<Database>;

// PostgreSQL OIDs whose text form we keep or turn into numbers, identically on both drivers.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

const toNumber = (value: string) => Number(value);
const keepText = (value: string) => value;

/**
 * A Kysely instance on PostgreSQL (through pg) or on embedded PGlite persisted in a folder.
 * Both return bigint counts and numerics as numbers and dates as 'YYYY-MM-DD' strings.
 */
export function createDatabase(config: DatabaseConfig): Db {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 20,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8 || oid === NUMERIC) return toNumber;
          if (oid === DATE) return keepText;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // Without a listener, a database restart would crash the whole process: the pool reports idle
    // clients, and a client that is checked out (between two queries of a request or transaction)
    // emits its own 'error' when the connection drops. The failed request gets an error; the
    // broken client is not returned to the pool.
    pool.on('error', (error) => config.onPoolError?.(error));
    pool.on('connect', (client) => client.on('error', (error) => config.onPoolError?.(error)));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const dataDir = resolve(config.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  const pglite = new PGlite(dataDir, {
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: keepText },
  });
  return new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
}

/** Reads DATABASE_URL / DATA_DIR style settings into a config. */
export function databaseConfigFrom(settings: { databaseUrl?: string | undefined; dataDir?: string | undefined }): DatabaseConfig {
  if (settings.databaseUrl) return { kind: 'postgres', url: settings.databaseUrl };
  return { kind: 'pglite', dataDir: settings.dataDir ?? './.data' };
}
