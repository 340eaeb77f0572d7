import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.ts';

/**
 * Connections per pool (per server process) unless set (DATABASE_POOL_SIZE). Enough for one Node
 * process, which keeps only a few queries in flight at a time; more would let a burst start that
 * many queries at once on the database's cores (docs/scaling.md, decision 22).
 */
export const DEFAULT_POOL_SIZE = 10;

export type DatabaseConfig =
  | {
      kind: 'postgres';
      url: string;
      /** Connections in the pool (default DEFAULT_POOL_SIZE). */
      poolSize?: number;
      onPoolError?: (error: Error) => void;
      /** Prepare repeated statements on each connection (default true); off behind a pooler that cannot keep them. */
      preparedStatements?: boolean;
    }
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
      max: config.poolSize ?? DEFAULT_POOL_SIZE,
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
    const statements = config.preparedStatements === false ? null : new StatementNames();
    pool.on('connect', (client) => {
      client.on('error', (error) => config.onPoolError?.(error));
      if (statements) prepareRepeatedStatements(client, statements);
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const dataDir = resolve(config.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  const pglite = new PGlite(dataDir, {
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: keepText },
  });
  return new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
}

/**
 * Names for the statements this process runs again and again. PostgreSQL parses and plans an
 * unnamed statement every time; for the short queries every request makes (the session, a staff
 * member's access to a round) planning took most of the database's time under load. A statement
 * whose text has been run before gets a name, and pg prepares it once per connection and then only
 * binds and executes it. Bounded: at most MAX_NAMED texts get a name (the rest run unnamed, as
 * before), so a process never accumulates prepared statements without limit.
 */
class StatementNames {
  static readonly MAX_NAMED = 2000;
  static readonly MAX_SEEN = 20_000;
  static readonly MAX_TEXT = 20_000;
  private readonly named = new Map<string, string>();
  private readonly seen = new Set<string>();

  nameFor(text: string): string | undefined {
    const name = this.named.get(text);
    if (name !== undefined) return name;
    if (text.length > StatementNames.MAX_TEXT || !/^\s*(select|insert|update|delete|with)\b/i.test(text)) return undefined;
    if (!this.seen.has(text)) {
      if (this.seen.size < StatementNames.MAX_SEEN) this.seen.add(text);
      return undefined;
    }
    if (this.named.size >= StatementNames.MAX_NAMED) return undefined;
    const fresh = `kh_${this.named.size + 1}`;
    this.named.set(text, fresh);
    this.seen.delete(text);
    return fresh;
  }
}

type QueryFunction = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** Kysely calls client.query(text, values); a repeated text is sent as a named (prepared) statement. */
function prepareRepeatedStatements(client: pg.PoolClient, statements: StatementNames): void {
  const query = client.query.bind(client) as QueryFunction;
  const named: QueryFunction = (config, values, callback) => {
    if (typeof config === 'string' && Array.isArray(values)) {
      const name = statements.nameFor(config);
      if (name !== undefined) return query({ name, text: config, values }, callback);
    }
    return query(config, values, callback);
  };
  client.query = named as typeof client.query;
}

/** Reads DATABASE_URL / DATA_DIR style settings into a config. */
export function databaseConfigFrom(settings: { databaseUrl?: string | undefined; dataDir?: string | undefined }): DatabaseConfig {
  if (settings.databaseUrl) return { kind: 'postgres', url: settings.databaseUrl };
  return { kind: 'pglite', dataDir: settings.dataDir ?? './.data' };
}
