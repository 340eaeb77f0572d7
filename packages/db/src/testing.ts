/**
 * Real databases for tests: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
 * A template with the migrations, the questionnaires and the demo organizers (dated from
 * TEST_TODAY) is built once per test run (globalSetup); each test file gets a fresh copy.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type Db } from './create-database.ts';
import { prepareDatabase } from './prepare.ts';

/** The "today" the demo data in test databases is built around. */
export const TEST_TODAY = '2026-11-23';

const tmpRoot = resolve(import.meta.dirname, '../../../tests/.tmp');
const pgliteTemplateDir = join(tmpRoot, 'pglite-template');
/** One template per target database, so runs against different databases never collide. */
function templateName(url: string): string {
  const name = new URL(url).pathname.slice(1).replace(/[^a-z0-9_]/gi, '_') || 'db';
  return `kh_tpl_${name}`.slice(0, 60);
}

function databaseUrlWithName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withAdmin<T>(url: string, fn: (admin: Kysely<unknown>) => Promise<T>): Promise<T> {
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    return await fn(admin);
  } finally {
    await admin.destroy();
  }
}

/** Builds the template once. Called from Vitest's globalSetup. */
export async function buildTestTemplate(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = templateName(url);
    await withAdmin(url, async (admin) => {
      await sql`drop database if exists ${sql.id(template)} with (force)`.execute(admin);
      await sql`create database ${sql.id(template)}`.execute(admin);
    });
    const db = createDatabase({ kind: 'postgres', url: databaseUrlWithName(url, template) });
    try {
      await prepareDatabase(db, { demo: true, today: TEST_TODAY });
    } finally {
      await db.destroy();
    }
    return;
  }
  rmSync(pgliteTemplateDir, { recursive: true, force: true });
  mkdirSync(tmpRoot, { recursive: true });
  const db = createDatabase({ kind: 'pglite', dataDir: pgliteTemplateDir });
  try {
    await prepareDatabase(db, { demo: true, today: TEST_TODAY });
  } finally {
    await db.destroy();
  }
}

export interface TestDatabase {
  db: Db;
  kind: 'postgres' | 'pglite';
  destroy(): Promise<void>;
}

/** A fresh copy of the template database, migrated and with the demo organizers. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `kh_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const url = process.env.DATABASE_URL;
  if (url) {
    await withAdmin(url, (admin) => sql`create database ${sql.id(name)} template ${sql.id(templateName(url))}`.execute(admin));
    const db = createDatabase({ kind: 'postgres', url: databaseUrlWithName(url, name) });
    return {
      db,
      kind: 'postgres',
      async destroy() {
        await db.destroy();
        await withAdmin(url, (admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin));
      },
    };
  }
  if (!existsSync(pgliteTemplateDir)) throw new Error('Testmallen saknas: kör testerna med Vitest så att globalSetup bygger den.');
  const dir = join(tmpRoot, name);
  cpSync(pgliteTemplateDir, dir, { recursive: true });
  const db = createDatabase({ kind: 'pglite', dataDir: dir });
  return {
    db,
    kind: 'pglite',
    async destroy() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo's latest grundskola round of Exempelstad, with its unit Ekbackens skola and the questionnaire's indicators in order. */
export async function ekbackenRound(db: Db): Promise<{
  organizerId: string;
  roundId: string;
  unitId: string;
  indicators: { id: string; area_id: string }[];
}> {
  const organizerId = (await db.selectFrom('organizers').select('id').where('key', '=', 'exempelstad').executeTakeFirstOrThrow()).id;
  const round = await db
    .selectFrom('rounds')
    .select(['id', 'questionnaire_id'])
    .where('organizer_id', '=', organizerId)
    .where('school_form', '=', 'grundskola')
    .orderBy('opens_on', 'desc')
    .executeTakeFirstOrThrow();
  const unitId = (await db.selectFrom('school_units').select('id').where('name', '=', 'Ekbackens skola').executeTakeFirstOrThrow()).id;
  const indicators = await db
    .selectFrom('indicators')
    .select(['id', 'area_id'])
    .where('questionnaire_id', '=', round.questionnaire_id)
    .orderBy('area_id')
    .orderBy('position')
    .execute();
  return { organizerId, roundId: round.id, unitId, indicators };
}
