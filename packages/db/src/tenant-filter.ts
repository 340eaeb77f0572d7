/**
 * A Kysely plugin for tests: every query that touches an organizer's data must filter by
 * organizer_id. It compiles each query to SQL and checks, for every tenant table it reads or
 * writes, that the table's organizer_id is tied to a parameter — directly (`t.organizer_id = $1`,
 * `= any($1)`, `in (…)`) or through a join to a table that is (`a.organizer_id = b.organizer_id`),
 * or, for an insert, that organizer_id is among the inserted columns. A query that does not is
 * refused with an error naming the tables, so the test that ran it fails.
 *
 * Tables without an organizer's data are exempt: NON_TENANT_TABLES. Legitimate lookups that do
 * not start from an organizer are allowed explicitly: TENANT_FILTER_ALLOWANCES.
 *
 * The check reads SQL text, not a full parse: it is meant for the queries this code base writes
 * (Kysely's quoted identifiers, and the raw SQL in queries/*.ts, which follows the same shape).
 */
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/** Reference data and tables that are not an organizer's data. */
export const NON_TENANT_TABLES: ReadonlySet<string> = new Set([
  'organizers',
  'questionnaires',
  'areas',
  'indicators',
  'sessions',
  'demo_personas',
  'kysely_migration',
  'kysely_migration_lock',
]);

export interface TenantFilterAllowance {
  name: string;
  why: string;
  /**
   * Given the normalised SQL (quotes removed, lower case, single spaces), returns the aliases it
   * lets count as filtered, or 'all' to exempt the whole query, or null when it does not apply.
   */
  applies(sql: string): string[] | 'all' | null;
}

/** The known, legitimate queries that do not start from an organizer id. */
export const TENANT_FILTER_ALLOWANCES: readonly TenantFilterAllowance[] = [
  {
    name: 'session by token',
    why: 'Logging in resolves the session from the cookie: the session row, found by its id (a hash of the token), decides the organizer.',
    applies: (sql) => {
      const m = /\bfrom sessions(?: as ([a-z_][a-z0-9_]*))?\b/.exec(sql);
      if (!m) return null;
      const alias = m[1] ?? 'sessions';
      return new RegExp(`\\b${alias}\\.id = \\$\\d+`).test(sql) || /\bwhere id = \$\d+/.test(sql) ? [alias] : null;
    },
  },
  {
    name: 'demo persona by user id',
    why: 'The demo login picks a person by user id (unique across organizers); the persona row decides the organizer.',
    applies: (sql) => {
      const m = /\bfrom demo_personas as ([a-z_][a-z0-9_]*)/.exec(sql);
      if (!m) return null;
      const alias = m[1] as string;
      return new RegExp(`\\b${alias}\\.user_id = \\$\\d+`).test(sql) ? [alias] : null;
    },
  },
  {
    name: 'OpenID Connect login state by state hash, and expired states',
    why: 'A login in progress is found by the hash of the state the browser brings back, before anyone is logged in; expired states are removed for every organizer.',
    applies: (sql) =>
      /^(?:delete from|select .* from) oidc_login_states (?:as [a-z_]+ )?where (?:[a-z_]+\.)?(?:id = \$\d+|expires_at <= \$\d+)/.test(sql)
        ? 'all'
        : null,
  },
  {
    name: 'login page identity providers',
    why: 'The login page lists the enabled identity providers of every organizer, and a login starts from the provider picked there, before anyone is logged in.',
    applies: (sql) =>
      /^select .* from identity_providers as p inner join organizers as o on o\.id = p\.organizer_id where (?:p\.enabled = \$1 order by o\.name\b|p\.id = \$1$)/.test(
        sql,
      )
        ? 'all'
        : null,
  },
  {
    name: 'demo login page',
    why: 'The demo login lists the demo personas of every organizer, before anyone is logged in (never in production).',
    applies: (sql) =>
      /^select .* from demo_personas as p inner join users as u on u\.organizer_id = p\.organizer_id .* where u\.active = \$1 order by o\.kind\b/.test(
        sql,
      )
        ? 'all'
        : null,
  },
];

const STATEMENTS_CHECKED = /^\(*\s*(?:with|select|insert|update|delete)\b/;
const NOT_AN_ALIAS = new Set([
  'where',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'cross',
  'natural',
  'on',
  'using',
  'group',
  'order',
  'limit',
  'offset',
  'set',
  'values',
  'union',
  'returning',
  'lateral',
  'for',
  'having',
  'window',
  'select',
  'default',
  'except',
  'intersect',
]);

/** Quotes removed, lower case, whitespace collapsed. */
export function normaliseSql(sql: string): string {
  return sql
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

interface TableReference {
  table: string;
  alias: string;
}

function cteNames(sql: string): Set<string> {
  const names = new Set<string>();
  for (const m of sql.matchAll(/(?:\bwith|,)\s*([a-z_][a-z0-9_]*)\s+as\s+(?:not\s+)?(?:materialized\s+)?\(/g)) names.add(m[1] as string);
  return names;
}

function tableReferences(sql: string): TableReference[] {
  const ctes = cteNames(sql);
  const refs: TableReference[] = [];
  const name = String.raw`([a-z_][a-z0-9_]*)(?:\.([a-z_][a-z0-9_]*))?`;
  // "from x", "join x", "update x" (not "is distinct from x", not "join lateral f(…)", not "from f(…)").
  const pattern = new RegExp(String.raw`(?<!distinct |do )\b(?:from|join|update)\s+${name}(\()?(?:\s+(?:as\s+)?([a-z_][a-z0-9_]*))?`, 'g');
  for (const m of sql.matchAll(pattern)) {
    if (m[3] || m[1] === 'lateral') continue;
    const table = m[2] ?? (m[1] as string);
    if (ctes.has(table) || NON_TENANT_TABLES.has(table)) continue;
    const candidate = m[4];
    refs.push({ table, alias: candidate && !NOT_AN_ALIAS.has(candidate) ? candidate : table });
  }
  for (const m of sql.matchAll(new RegExp(String.raw`\binsert into ${name}(?: as ([a-z_][a-z0-9_]*))?`, 'g'))) {
    const table = m[2] ?? (m[1] as string);
    if (ctes.has(table) || NON_TENANT_TABLES.has(table)) continue;
    refs.push({ table, alias: m[3] ?? table });
  }
  return refs;
}

/** A value the query is bound to: a parameter, possibly cast, or a list/array of them. */
const BOUND = String.raw`(?:\$\d+(?:::[a-z_\[\]]+)?|any\s*\(\s*\$\d+(?:::[a-z_\[\]]+)?\s*\)|in\s*\(\s*\$\d+(?:\s*,\s*\$\d+)*\s*\))`;

/** The aliases whose organizer_id is tied to a parameter, directly or through joins on organizer_id. */
function filteredAliases(sql: string, refs: readonly TableReference[], allowed: readonly string[]): Set<string> {
  const anchored = new Set<string>(allowed);
  const direct = new RegExp(String.raw`\b([a-z_][a-z0-9_]*)\.organizer_id\s*(?:=\s*)?${BOUND}`, 'g');
  for (const m of sql.matchAll(direct)) anchored.add(m[1] as string);
  const reversed = /\$\d+(?:::[a-z_[\]]+)?\s*=\s*([a-z_][a-z0-9_]*)\.organizer_id\b/g;
  for (const m of sql.matchAll(reversed)) anchored.add(m[1] as string);
  // Unqualified organizer_id = $n: the tables referenced without an alias.
  if (new RegExp(String.raw`(?<![.a-z0-9_])organizer_id\s*(?:=\s*)?${BOUND}`).test(sql)) {
    for (const r of refs) if (r.alias === r.table) anchored.add(r.alias);
  }
  const edges: [string, string][] = [];
  for (const m of sql.matchAll(/\b([a-z_][a-z0-9_]*)\.organizer_id\s*=\s*([a-z_][a-z0-9_]*)\.organizer_id\b/g)) {
    edges.push([m[1] as string, m[2] as string]);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const [a, b] of edges) {
      if (anchored.has(a) && !anchored.has(b)) {
        anchored.add(b);
        grew = true;
      } else if (anchored.has(b) && !anchored.has(a)) {
        anchored.add(a);
        grew = true;
      }
    }
  }
  return anchored;
}

/** Inserts name organizer_id among their columns; the values then come from the query's parameters or select. */
function insertsWithOrganizer(sql: string): Set<string> {
  const tables = new Set<string>();
  for (const m of sql.matchAll(/\binsert into ([a-z_][a-z0-9_]*)(?: as [a-z_][a-z0-9_]*)? \(([^)]*)\)/g)) {
    const columns = (m[2] as string).split(',').map((c) => c.trim());
    if (columns.includes('organizer_id')) tables.add(m[1] as string);
  }
  return tables;
}

export interface TenantFilterViolation {
  sql: string;
  tables: string[];
}

/** The tenant tables in `sql` that are not filtered by organizer_id; empty when the query is fine. */
export function unfilteredTenantTables(rawSql: string): string[] {
  const sql = normaliseSql(rawSql);
  if (!STATEMENTS_CHECKED.test(sql)) return [];
  const allowed: string[] = [];
  for (const allowance of TENANT_FILTER_ALLOWANCES) {
    const result = allowance.applies(sql);
    if (result === 'all') return [];
    if (result) allowed.push(...result);
  }
  const refs = tableReferences(sql);
  if (refs.length === 0) return [];
  const anchored = filteredAliases(sql, refs, allowed);
  const inserted = insertsWithOrganizer(sql);
  const missing = new Set<string>();
  for (const r of refs) {
    if (anchored.has(r.alias)) continue;
    if (inserted.has(r.table) && new RegExp(`\\binsert into ${r.table}\\b`).test(sql)) continue;
    missing.add(r.table);
  }
  return [...missing].sort();
}

/**
 * The plugin. By default a violation throws (the query is not run); pass `onViolation` to collect
 * violations instead.
 */
export class TenantFilterPlugin implements KyselyPlugin {
  readonly #compiler = new PostgresQueryCompiler();
  readonly #onViolation: ((violation: TenantFilterViolation) => void) | null;

  constructor(options: { onViolation?: (violation: TenantFilterViolation) => void } = {}) {
    this.#onViolation = options.onViolation ?? null;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const { sql } = this.#compiler.compileQuery(args.node, args.queryId);
    const tables = unfilteredTenantTables(sql);
    if (tables.length > 0) {
      const violation = { sql, tables };
      if (this.#onViolation) this.#onViolation(violation);
      else throw new Error(`Frågan filtrerar inte på organizer_id för ${tables.join(', ')}: ${sql}`);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
