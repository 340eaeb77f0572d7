/**
 * Upkeep of the tables that rows pass through: a submission adds a pending totals row that the
 * next fold deletes (queries/indicator-totals.ts) and deletes the person's draft (queries/survey.ts).
 * See decision 21 in docs/decisions.md.
 *
 * PostgreSQL reuses the space of deleted rows for new inserts only after a VACUUM has recorded it.
 * Without one (autovacuum switched off, or behind on a busy server) these tables grow by the space
 * of every row that ever passed through them, and a fold, which reads all of an organizer's pending
 * rows, reads the dead ones too: its cost grows with the time since the last vacuum instead of
 * with the rows waiting. The server therefore vacuums them itself every few seconds.
 */
import { sql } from 'kysely';
import type { Db } from '../create-database.ts';

/** The tables that rows pass through, in the order they are vacuumed. */
export const CHURNED_TABLES = ['indicator_totals_pending', 'drafts'] as const;

/** How often the server vacuums {@link CHURNED_TABLES}. */
export const CHURNED_TABLES_VACUUM_INTERVAL_MS = 10_000;

/**
 * Vacuums {@link CHURNED_TABLES}, so that new rows reuse the space of removed ones. Never waits:
 * a table that another vacuum (autovacuum, another server process) is working on is skipped, and
 * the table is never truncated, which would need a lock that stops inserts for a moment. Cannot
 * run inside a transaction.
 */
export async function vacuumChurnedTables(db: Db): Promise<void> {
  if (db.isTransaction) throw new Error('vacuumChurnedTables kan inte köras i en transaktion');
  await sql`vacuum (skip_locked, truncate false) ${sql.join(CHURNED_TABLES.map((t) => sql.table(t)))}`.execute(db);
}

export interface ChurnedTableState {
  table: (typeof CHURNED_TABLES)[number];
  /** Manual vacuums since the statistics were reset (the server's; autovacuum's are not counted). */
  vacuums: number;
  /** The table's size in pages (8 kB). */
  pages: number;
}

/** How the upkeep of {@link CHURNED_TABLES} stands: for the load test's report and checks. */
export async function churnedTablesState(db: Db): Promise<ChurnedTableState[]> {
  const r = await sql<{ table: ChurnedTableState['table']; vacuums: number; pages: number }>`
    select relname as table, vacuum_count::int as vacuums, (pg_relation_size(relid) / current_setting('block_size')::int)::int as pages
    from pg_stat_user_tables
    where schemaname = 'public' and relname = any(${[...CHURNED_TABLES]}::text[])
    order by relname`.execute(db);
  return r.rows;
}
