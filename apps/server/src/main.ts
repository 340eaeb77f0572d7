import { todayIn } from '@kvalitetshjulet/api';
import { createDatabase, databaseConfigFrom, prepareDatabase } from '@kvalitetshjulet/db';
import { createApp } from './app.ts';
import { type Env, parseEnv } from './env.ts';

function fail(message: string): never {
  console.error(`Kvalitetshjulet kunde inte starta: ${message}`);
  process.exit(1);
}

let env: Env;
try {
  env = parseEnv(process.env);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const config = databaseConfigFrom({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
const db =
  config.kind === 'postgres'
    ? createDatabase({
        ...config,
        onPoolError: (error) => console.error(JSON.stringify({ level: 'warn', message: `Databasanslutningen bröts: ${error.message}` })),
      })
    : createDatabase(config);

try {
  const result = await prepareDatabase(db, { demo: env.seedDemo, today: todayIn(new Date()) });
  if (result.migrationsRun.length) console.log(`Körde ${result.migrationsRun.length} migreringar.`);
  if (result.questionnairesAdded) console.log(`Lade in ${result.questionnairesAdded} frågeformulär.`);
  if (result.demoOrganizersAdded.length) console.log(`Lade in demodata: ${result.demoOrganizersAdded.join(', ')}.`);
} catch (error) {
  await db.destroy().catch(() => undefined);
  const where = config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `den inbäddade databasen i ${config.dataDir}`;
  fail(`databasen gick inte att förbereda (${where}): ${error instanceof Error ? error.message : String(error)}`);
}

const server = createApp({ db, env });
server.listen(env.port, env.host, () => {
  const demo = env.demoLogin ? ' Demoinloggningen är på.' : '';
  console.log(
    `Kvalitetshjulet kör på http://localhost:${env.port} (${config.kind === 'postgres' ? 'PostgreSQL' : 'inbäddad databas'}).${demo}`,
  );
});

async function shutdown() {
  server.close();
  await db.destroy().catch(() => undefined);
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
