import { generateDemoDataset } from '@kvalitetshjulet/db-files/seeds/demo';
import { loadStandardQuestionnaires } from '@kvalitetshjulet/db-files/seeds/questionnaires';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from './prepare.ts';
import { seedDemo, seedStandardQuestionnaires } from './seed.ts';
import { createTestDatabase, TEST_TODAY, type TestDatabase } from './testing.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

async function tableCounts() {
  const tables = [
    'organizers',
    'school_units',
    'teams',
    'users',
    'role_assignments',
    'questionnaires',
    'indicators',
    'rounds',
    'responses',
    'answers',
    'participations',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await t.db
      .selectFrom(table)
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = row.n;
  }
  return counts;
}

describe('prepareDatabase', () => {
  it('holds the demo municipality, the friskola and all eight questionnaires', async () => {
    const counts = await tableCounts();
    expect(counts.organizers).toBe(2);
    expect(counts.questionnaires).toBe(8);
    expect(counts.school_units).toBe(13);
    expect(counts.responses).toBeGreaterThan(300);
    expect(counts.answers).toBeGreaterThan(counts.responses as number);
  });

  it('adds nothing when run again: seeding twice duplicates nothing', async () => {
    const before = await tableCounts();
    const result = await prepareDatabase(t.db, { demo: true, today: TEST_TODAY });
    expect(result).toEqual({ migrationsRun: [], questionnairesAdded: 0, demoOrganizersAdded: [] });
    expect(await seedStandardQuestionnaires(t.db, loadStandardQuestionnaires())).toBe(0);
    expect(await seedDemo(t.db, generateDemoDataset({ today: TEST_TODAY, questionnaires: loadStandardQuestionnaires() }))).toEqual([]);
    expect(await tableCounts()).toEqual(before);
  });

  it('stores as many anonymous responses as participations per round and unit', async () => {
    const mismatches = await sql<{ n: number }>`
      select count(*)::int as n from (
        select p.round_id, p.school_unit_id, count(*) as participations,
          (select count(*) from responses r where r.organizer_id = p.organizer_id and r.round_id = p.round_id and r.school_unit_id = p.school_unit_id) as responses
        from participations p group by p.organizer_id, p.round_id, p.school_unit_id
      ) x where participations <> responses`.execute(t.db);
    expect(mismatches.rows[0]?.n).toBe(0);
  });
});

describe('constraints in the database', () => {
  async function ids() {
    const org = await t.db.selectFrom('organizers').select('id').where('key', '=', 'exempelstad').executeTakeFirstOrThrow();
    const other = await t.db.selectFrom('organizers').select('id').where('key', '=', 'backaskolan').executeTakeFirstOrThrow();
    const response = await t.db
      .selectFrom('responses')
      .select(['id', 'round_id'])
      .where('organizer_id', '=', org.id)
      .executeTakeFirstOrThrow();
    const answer = await t.db
      .selectFrom('answers')
      .select(['indicator_id'])
      .where('response_id', '=', response.id)
      .executeTakeFirstOrThrow();
    const participation = await t.db.selectFrom('participations').selectAll().where('organizer_id', '=', org.id).executeTakeFirstOrThrow();
    const team = await t.db.selectFrom('teams').select(['id']).where('organizer_id', '=', org.id).executeTakeFirstOrThrow();
    const otherUnit = await t.db.selectFrom('school_units').select(['id']).where('organizer_id', '=', other.id).executeTakeFirstOrThrow();
    return {
      org: org.id,
      other: other.id,
      response,
      indicatorId: answer.indicator_id,
      participation,
      team: team.id,
      otherUnit: otherUnit.id,
    };
  }

  it('refuses an answer outside the scale, and a value together with "vet ej"', async () => {
    const x = await ids();
    const indicator = await t.db.selectFrom('indicators').select('id').where('id', '!=', x.indicatorId).executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto('answers')
        .values({ organizer_id: x.org, response_id: x.response.id, indicator_id: indicator.id, value: 0 })
        .execute(),
    ).rejects.toThrow(/check/i);
    await expect(
      t.db
        .insertInto('answers')
        .values({ organizer_id: x.org, response_id: x.response.id, indicator_id: indicator.id, value: 3, dont_know: true })
        .execute(),
    ).rejects.toThrow(/check/i);
  });

  it('allows one participation per user, round and unit', async () => {
    const x = await ids();
    await expect(t.db.insertInto('participations').values(x.participation).execute()).rejects.toThrow(/duplicate|unique/i);
  });

  it('refuses a team that belongs to another organizer than its unit', async () => {
    const x = await ids();
    await expect(
      t.db
        .insertInto('teams')
        .values({ organizer_id: x.org, school_unit_id: x.otherUnit, key: 'fel-huvudman', name: 'Fel', school_form: 'grundskola' })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it('refuses an anonymity threshold outside 3–10', async () => {
    const x = await ids();
    await expect(t.db.updateTable('organizers').set({ anonymity_threshold: 2 }).where('id', '=', x.org).execute()).rejects.toThrow(
      /check/i,
    );
    await expect(t.db.updateTable('organizers').set({ anonymity_threshold: 11 }).where('id', '=', x.org).execute()).rejects.toThrow(
      /check/i,
    );
  });

  it('has no user id on responses or answers', async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name in ('responses', 'answers', 'area_comments')`.execute(t.db);
    expect(columns.rows.length).toBeGreaterThan(8);
    expect(columns.rows.filter((c) => /user|author|created_by|updated_by/.test(c.column_name))).toEqual([]);
    expect(columns.rows.filter((c) => c.table_name === 'responses' && /_at$/.test(c.column_name))).toEqual([]);
  });
});
