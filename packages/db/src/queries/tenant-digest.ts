/**
 * For the bad-input tests: a fingerprint of everything one organizer has stored, to show that calls
 * made as another organizer's people changed none of it. Not used by the app.
 */
import { sql } from 'kysely';
import type { Db } from '../create-database.ts';

/** Tables with an organizer_id column (every organizer's data), by name. */
export async function listTenantTables(db: Db): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'organizer_id' and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db);
  return rows.rows.map((r) => r.table_name);
}

/**
 * Per table: the organizer's row count and the newest row version (xmin) among its rows, in one
 * statement. An insert or update makes a newer row version, a delete lowers the count: any write
 * to the organizer's rows changes the digest.
 */
export async function organizerDataDigest(db: Db, organizerId: string, tables: readonly string[]): Promise<Record<string, string>> {
  if (tables.length === 0) return {};
  const parts = tables.map(
    (table) => sql`select ${table} as table_name, count(*) || ':' || coalesce(max(t.xmin::text::bigint), 0) as digest
      from ${sql.table(table)} t where t.organizer_id = ${organizerId}`,
  );
  const rows = await sql<{ table_name: string; digest: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.table_name, r.digest]));
}
