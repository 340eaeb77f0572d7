import { migrations } from '@kvalitetshjulet/db-files/migrations';
import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';

const provider = { getMigrations: async () => migrations };

/** Runs every pending migration; all of them in one transaction, so a failure leaves nothing half-done. */
export async function migrate(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'okänd';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migreringen ${failed} misslyckades: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when the database answers and every known migration has run. */
export async function isMigrated(db: Kysely<any>): Promise<boolean> {
  const migrator = new Migrator({ db, provider });
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}

/** Drops everything (for db:reset and tests). */
export async function dropEverything(db: Kysely<any>): Promise<void> {
  await sql`drop schema public cascade`.execute(db);
  await sql`create schema public`.execute(db);
}
