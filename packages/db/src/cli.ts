/**
 * `pnpm db:migrate`, `pnpm db:seed`, `pnpm db:reset`: on DATABASE_URL when set, otherwise
 * on the embedded database in DATA_DIR (default ./.data at the repository root).
 */
import { resolve } from 'node:path';
import { createDatabase, databaseConfigFrom } from './create-database.ts';
import { dropEverything, migrate } from './migrate.ts';
import { prepareDatabase } from './prepare.ts';

const command = process.argv[2];
const repoRoot = resolve(import.meta.dirname, '../../..');
const config = databaseConfigFrom({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : resolve(repoRoot, '.data'),
});
const where = config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `den inbäddade databasen i ${config.dataDir}`;
const today = new Date().toISOString().slice(0, 10);
const db = createDatabase(config);

try {
  if (command === 'migrate') {
    const ran = await migrate(db);
    console.log(ran.length ? `Körde ${ran.length} migreringar på ${where}: ${ran.join(', ')}` : `Databasen är redan migrerad (${where}).`);
  } else if (command === 'seed') {
    const r = await prepareDatabase(db, { demo: true, today });
    console.log(
      `Klart på ${where}: ${r.questionnairesAdded} nya frågeformulär, demodata för ${r.demoOrganizersAdded.join(', ') || 'inga nya huvudmän'}.`,
    );
  } else if (command === 'reset') {
    await dropEverything(db);
    const r = await prepareDatabase(db, { demo: true, today });
    console.log(
      `Databasen är återställd (${where}): ${r.migrationsRun.length} migreringar, ${r.questionnairesAdded} frågeformulär, demodata för ${r.demoOrganizersAdded.join(', ')}.`,
    );
  } else {
    console.error('Använd: migrate | seed | reset');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
