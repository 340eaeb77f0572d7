import { todayIn } from '@kvalitetshjulet/api';
import { createDatabase, databaseConfigFrom, prepareDatabase } from '@kvalitetshjulet/db';
import { createApp } from './app.ts';
import { type Env, parseEnv } from './env.ts';
import { createLogger } from './logger.ts';

let log = createLogger();

function fail(message: string): never {
  log.fatal(`Kvalitetshjulet kunde inte starta: ${message}`);
  log.flush();
  process.exit(1);
}

let env: Env;
try {
  env = parseEnv(process.env);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
log = createLogger({ level: env.logLevel });

const config = databaseConfigFrom({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
const db =
  config.kind === 'postgres'
    ? createDatabase({
        ...config,
        onPoolError: (error) => log.warn(`Databasanslutningen bröts: ${error.message}`),
      })
    : createDatabase(config);

try {
  const result = await prepareDatabase(db, { demo: env.seedDemo, today: todayIn(new Date()) });
  if (result.migrationsRun.length) log.info(`Körde ${result.migrationsRun.length} migreringar.`);
  if (result.questionnairesAdded) log.info(`Lade in ${result.questionnairesAdded} frågeformulär.`);
  if (result.demoOrganizersAdded.length) log.info(`Lade in demodata: ${result.demoOrganizersAdded.join(', ')}.`);
} catch (error) {
  await db.destroy().catch(() => undefined);
  const where = config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `den inbäddade databasen i ${config.dataDir}`;
  fail(`databasen gick inte att förbereda (${where}): ${error instanceof Error ? error.message : String(error)}`);
}

const server = createApp({ db, env, logger: log });
server.listen(env.port, env.host, () => {
  const demo = env.demoLogin ? ' Demoinloggningen är på.' : '';
  log.info(
    `Kvalitetshjulet kör på http://localhost:${env.port} (${config.kind === 'postgres' ? 'PostgreSQL' : 'inbäddad databas'}).${demo}`,
  );
});

/**
 * A graceful stop (a deploy or restart): no new connections, requests in flight finish and get
 * their answers (a submit is never cut between commit and answer), idle keep-alive connections are
 * closed; after 10 s whatever is left is cut. Only then is the database pool closed.
 */
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info(`Stänger av (${signal}): tar inte emot nya anrop och låter pågående bli klara.`);
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const cut = setTimeout(() => server.closeAllConnections(), 10_000);
  await drained;
  clearInterval(idle);
  clearTimeout(cut);
  await db.destroy().catch(() => undefined);
  log.flush();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
