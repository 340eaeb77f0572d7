/**
 * The same migrations and queries give the same results on PostgreSQL and on embedded PGlite.
 * Runs when DATABASE_URL is set (CI): the test database is PostgreSQL, and a PGlite copy is
 * built here from the same migrations and seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from './create-database.ts';
import { prepareDatabase } from './prepare.ts';
import { listDemoPersonas } from './queries/demo-login.ts';
import { countOrganization, getOrganizer, listUnits } from './queries/organization.ts';
import { getQuestionnaire, listStandardQuestionnaires } from './queries/questionnaires.ts';
import { listRoundParticipation, listStaffRounds } from './queries/rounds.ts';
import { createTestDatabase, TEST_TODAY, type TestDatabase } from './testing.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

describe.skipIf(!onPostgres)('PostgreSQL and PGlite give the same results', () => {
  let pgDb: TestDatabase;
  let lite: Db;
  let liteDir: string;
  beforeAll(async () => {
    pgDb = await createTestDatabase();
    liteDir = mkdtempSync(join(tmpdir(), 'kh-parity-'));
    lite = createDatabase({ kind: 'pglite', dataDir: join(liteDir, 'data') });
    await prepareDatabase(lite, { demo: true, today: TEST_TODAY });
  }, 180_000);
  afterAll(async () => {
    await lite?.destroy();
    await pgDb?.destroy();
    if (liteDir) rmSync(liteDir, { recursive: true, force: true });
  });

  /** Ids are random per database; compare by replacing them with stable names. */
  async function snapshot(db: Db) {
    const org = await db.selectFrom('organizers').select('id').where('key', '=', 'exempelstad').executeTakeFirstOrThrow();
    const anna = await db.selectFrom('users').select('id').where('name', '=', 'Anna Lindqvist').executeTakeFirstOrThrow();
    const questionnaire = await db.selectFrom('questionnaires').select('id').where('key', '=', 'grundskola').executeTakeFirstOrThrow();
    const strip = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value, (key, v) => (/(^id$|Id$|^id_|UpdatedAt$)/.test(key) ? undefined : v)));
    const stored = await getQuestionnaire(db, questionnaire.id);
    return strip({
      organizer: await getOrganizer(db, org.id),
      counts: await countOrganization(db, org.id),
      units: await listUnits(db, org.id),
      staffRounds: await listStaffRounds(db, org.id, anna.id, TEST_TODAY),
      participation: await listRoundParticipation(db, org.id, 'all', TEST_TODAY),
      questionnaires: await listStandardQuestionnaires(db),
      grundskola: stored?.definition,
      personas: (await listDemoPersonas(db)).map((p) => ({ ...p, userId: undefined, organizerId: undefined })),
    });
  }

  it('for every query the start pages use', async () => {
    const [fromPostgres, fromPglite] = await Promise.all([snapshot(pgDb.db), snapshot(lite)]);
    expect(fromPglite).toEqual(fromPostgres);
    expect((fromPostgres as { units: unknown[] }).units).toHaveLength(12);
  });
});
