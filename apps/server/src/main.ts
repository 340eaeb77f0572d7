import cluster from 'node:cluster';
import { todayIn } from '@kvalitetshjulet/api';
import {
  CHURNED_TABLES_VACUUM_INTERVAL_MS,
  createDatabase,
  type Db,
  databaseConfigFrom,
  prepareDatabase,
  vacuumChurnedTables,
} from '@kvalitetshjulet/db';
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
const where = config.kind === 'postgres' ? 'PostgreSQL' : 'inbäddad databas';

function openDatabase(): Db {
  return config.kind === 'postgres'
    ? createDatabase({
        ...config,
        preparedStatements: env.preparedStatements,
        poolSize: env.poolSize,
        onPoolError: (error) => log.warn(`Databasanslutningen bröts: ${error.message}`),
      })
    : createDatabase(config);
}

/** Migrations and (on the embedded database) the demo data: once, before anything is served. */
async function prepare(db: Db): Promise<void> {
  try {
    const result = await prepareDatabase(db, { demo: env.seedDemo, today: todayIn(new Date()) });
    if (result.migrationsRun.length) log.info(`Körde ${result.migrationsRun.length} migreringar.`);
    if (result.questionnairesAdded) log.info(`Lade in ${result.questionnairesAdded} frågeformulär.`);
    if (result.demoOrganizersAdded.length) log.info(`Lade in demodata: ${result.demoOrganizersAdded.join(', ')}.`);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    const what = config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `den inbäddade databasen i ${config.dataDir}`;
    fail(`databasen gick inte att förbereda (${what}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

const listening = () => {
  const demo = env.demoLogin ? ' Demoinloggningen är på.' : '';
  const processes = env.serverProcesses > 1 ? `, ${env.serverProcesses} serverprocesser` : '';
  log.info(`Kvalitetshjulet kör på http://localhost:${env.port} (${where}${processes}).${demo}`);
};

/**
 * Serves HTTP in this process. A graceful stop (a deploy or restart): no new connections, requests
 * in flight finish and get their answers (a submit is never cut between commit and answer), idle
 * keep-alive connections are closed; after 10 s whatever is left is cut. Only then is the database
 * pool closed.
 */
function serve(db: Db, announce: boolean): void {
  const server = createApp({ db, env, logger: log });
  server.listen(env.port, env.host, () => {
    if (announce) listening();
  });
  let stopping = false;
  // The tables that every submission writes to and removes from are vacuumed by the server itself,
  // whether or not autovacuum keeps up (decision 21): one round at a time, the next one an interval
  // after the last has ended. A failed round is logged and tried again.
  let upkeep: NodeJS.Timeout | undefined;
  const scheduleUpkeep = () => {
    upkeep = setTimeout(() => {
      vacuumChurnedTables(db)
        .catch((error: unknown) =>
          log.warn(`Underhållet av databasen misslyckades: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => {
          if (!stopping) scheduleUpkeep();
        });
    }, CHURNED_TABLES_VACUUM_INTERVAL_MS);
    upkeep.unref();
  };
  scheduleUpkeep();
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    clearTimeout(upkeep);
    log.info(`Stänger av (${reason}): tar inte emot nya anrop och låter pågående bli klara.`);
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => server.closeAllConnections(), 10_000);
    await drained;
    clearInterval(idle);
    clearTimeout(cut);
    await db.destroy().catch(() => undefined);
    log.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // A worker whose primary is gone (killed, crashed) stops the same way instead of serving on alone.
  if (cluster.isWorker) process.on('disconnect', () => void shutdown('huvudprocessen är borta'));
}

/**
 * Several server processes on one port (SERVER_PROCESSES, PostgreSQL only): the server keeps no
 * state of its own (sessions live in the database), so each worker is a full server. This process
 * prepares the database once, starts the workers, replaces one that dies and, when stopped, stops
 * them gracefully and waits for them.
 */
function superviseWorkers(count: number): void {
  let stopping = false;
  let ready = 0;
  cluster.on('listening', () => {
    ready += 1;
    if (ready === count) listening();
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log.flush();
        process.exit(0);
      }
      return;
    }
    log.error(`Serverprocess ${worker.process.pid} avslutades oväntat (${signal ?? `kod ${code}`}); startar en ny.`);
    setTimeout(() => cluster.fork(), 1000);
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`Stänger av (${signal}): serverprocesserna låter pågående anrop bli klara.`);
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill('SIGTERM');
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  for (let i = 0; i < count; i++) cluster.fork();
}

if (cluster.isWorker) {
  serve(openDatabase(), false);
} else {
  const db = openDatabase();
  await prepare(db);
  if (env.serverProcesses > 1) {
    await db.destroy();
    superviseWorkers(env.serverProcesses);
  } else {
    serve(db, true);
  }
}
