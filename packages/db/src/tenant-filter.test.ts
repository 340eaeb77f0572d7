import { loadStandardQuestionnaires } from '@kvalitetshjulet/db-files/seeds/questionnaires';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './create-database.ts';
import { findDemoPersona, listDemoPersonas } from './queries/demo-login.ts';
import { addResponseToTotals, checkTotals, foldPendingTotals, recomputeTotals } from './queries/indicator-totals.ts';
import { countOrganization, getOrganizer, listUnits } from './queries/organization.ts';
import { getQuestionnaire, listStandardQuestionnaires } from './queries/questionnaires.ts';
import {
  getResultsRound,
  getResultsTeam,
  getResultsUnit,
  getUnitPageExtras,
  getUnitPageFacts,
  keptTotals,
  listResultsRounds,
  listResultsRoundUnits,
  totalsFromAnswers,
} from './queries/results.ts';
import { listRoundParticipation, listStaffRounds } from './queries/rounds.ts';
import { createSession, deleteSession, findSessionUser, SESSION_TOUCH_AFTER_MS } from './queries/session.ts';
import { seedStandardQuestionnaires } from './seed.ts';
import { NON_TENANT_TABLES, TenantFilterPlugin, unfilteredTenantTables } from './tenant-filter.ts';
import { createTestDatabase, ekbackenRound, TEST_TODAY, type TestDatabase } from './testing.ts';

describe('the organizer_id check on SQL text', () => {
  it.each([
    ['select "id" from "school_units" where "organizer_id" = $1', []],
    ['select "su"."id" from "school_units" as "su" where "su"."organizer_id" = $1 and "su"."active" = $2', []],
    ['select "id" from "school_units" where "name" = $1', ['school_units']],
    [
      'select * from "users" as "u" inner join "role_assignments" as "r" on "r"."user_id" = "u"."id" where "u"."organizer_id" = $1',
      ['role_assignments'],
    ],
    [
      'select * from "users" as "u" inner join "role_assignments" as "r" on "r"."organizer_id" = "u"."organizer_id" and "r"."user_id" = "u"."id" where "u"."organizer_id" = $1',
      [],
    ],
    ['select * from "rounds" as "r" where "r"."organizer_id" in ($1, $2)', []],
    ['select * from indicator_totals_unit as t where t.organizer_id = $1::uuid and t.round_id = any($2::uuid[])', []],
    ['insert into "answers" ("organizer_id", "response_id", "indicator_id", "value") values ($1, $2, $3, $4)', []],
    ['insert into "answers" ("response_id", "indicator_id", "value") values ($1, $2, $3)', ['answers']],
    ['update "drafts" set "revision" = $1 where "organizer_id" = $2 and "id" = $3', []],
    ['delete from "drafts" where "id" = $1', ['drafts']],
    ['select "id" from "questionnaires" where "key" = $1', []],
    ['with x as (select * from teams as t where t.organizer_id = $1) select * from x', []],
    ['with x as (select * from teams as t) select * from x', ['teams']],
    ['select * from answers as a cross join lateral unnest(a.x) as u(v) where a.organizer_id = $1', []],
    [
      '(select 1 from indicator_totals_team as g where g.organizer_id = $1) union all (select 2 from indicator_totals_unit as h)',
      ['indicator_totals_unit'],
    ],
    ['select * from a_table as a where a.x is not distinct from b.y and a.organizer_id = $1', []],
    ['insert into t as x (organizer_id, k) values ($1, $2) on conflict (organizer_id, k) do update set k = excluded.k', []],
    ['create table foo (id int)', []],
    ['delete from "oidc_login_states" where "expires_at" <= $1', []],
    ['delete from "oidc_login_states" where "id" = $1 returning "organizer_id", "provider_id"', []],
    ['select * from "oidc_login_states" where "provider_id" = $1', ['oidc_login_states']],
    [
      'select "p"."id" from "identity_providers" as "p" inner join "organizers" as "o" on "o"."id" = "p"."organizer_id" where "p"."enabled" = $1 order by "o"."name", "p"."display_name"',
      [],
    ],
    [
      'select "p"."id" from "identity_providers" as "p" inner join "organizers" as "o" on "o"."id" = "p"."organizer_id" where "p"."id" = $1',
      [],
    ],
    ['select "p"."id" from "identity_providers" as "p" where "p"."kind" = $1', ['identity_providers']],
  ])('%s → %j', (query, missing) => {
    expect(unfilteredTenantTables(query)).toEqual(missing);
  });

  it('exempts reference data and the session and demo-login lookups, and nothing else', () => {
    expect([...NON_TENANT_TABLES].sort()).toEqual(
      [
        'areas',
        'demo_personas',
        'indicators',
        'kysely_migration',
        'kysely_migration_lock',
        'organizers',
        'questionnaires',
        'sessions',
      ].sort(),
    );
    expect(
      unfilteredTenantTables(
        'select * from "sessions" as "s" inner join "users" as "u" on "u"."organizer_id" = "s"."organizer_id" and "u"."id" = "s"."user_id" where "s"."id" = $1',
      ),
    ).toEqual([]);
    expect(
      unfilteredTenantTables(
        'select * from "sessions" as "s" inner join "users" as "u" on "u"."organizer_id" = "s"."organizer_id" where "u"."name" = $1',
      ),
    ).toEqual(['users']);
  });
});

describe('every query function filters by organizer_id', () => {
  let t: TestDatabase;
  let checked: Db;
  let exempelstad: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    checked = t.db.withPlugin(new TenantFilterPlugin());
    exempelstad = (await t.db.selectFrom('organizers').select('id').where('key', '=', 'exempelstad').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.destroy());

  it('refuses a query that does not filter', async () => {
    await expect(checked.selectFrom('users').select('id').where('name', '=', 'Anna Lindqvist').execute()).rejects.toThrow(/organizer_id/);
    await expect(sql`select count(*) from answers`.execute(checked)).rejects.toThrow(/answers/);
  });

  it('passes the organization, rounds, questionnaire, session and demo-login queries', async () => {
    const anna = await t.db.selectFrom('users').select(['id']).where('name', '=', 'Anna Lindqvist').executeTakeFirstOrThrow();
    await getOrganizer(checked, exempelstad);
    await listUnits(checked, exempelstad);
    await countOrganization(checked, exempelstad);
    const questionnaires = await listStandardQuestionnaires(checked);
    await getQuestionnaire(checked, questionnaires[0]?.id as string);
    await seedStandardQuestionnaires(checked, loadStandardQuestionnaires());
    await listStaffRounds(checked, exempelstad, anna.id, TEST_TODAY);
    await listRoundParticipation(checked, exempelstad, 'all', TEST_TODAY);
    await listDemoPersonas(checked);
    await findDemoPersona(checked, anna.id);
    const now = new Date('2026-11-23T10:00:00Z');
    await createSession(checked, {
      id: 'tenant-filter-test',
      organizerId: exempelstad,
      userId: anna.id,
      now,
      expiresAt: new Date(now.getTime() + 3600_000),
    });
    // Late enough that the read also writes last_seen_at back (its update goes through the filter too).
    await findSessionUser(checked, 'tenant-filter-test', new Date(now.getTime() + SESSION_TOUCH_AFTER_MS + 60_000), 7200_000);
    await deleteSession(checked, 'tenant-filter-test');
  });

  it('passes the results engine queries', async () => {
    const { roundId, unitId, indicators } = await ekbackenRound(t.db);
    const round = { id: roundId };
    const unit = { id: unitId };
    const indicatorIds = indicators.map((i) => i.id);
    const team = await t.db.selectFrom('teams').select('id').where('school_unit_id', '=', unit.id).executeTakeFirstOrThrow();
    const resultsRound = await getResultsRound(checked, exempelstad, round.id);
    if (!resultsRound) throw new Error('round');
    await listResultsRounds(checked, exempelstad, 'grundskola', unit.id);
    await getResultsUnit(checked, exempelstad, unit.id);
    await getResultsTeam(checked, exempelstad, team.id);
    await listResultsRoundUnits(checked, exempelstad, round.id);
    await getUnitPageFacts(checked, exempelstad, round.id, unit.id);
    await getUnitPageExtras(checked, exempelstad, round.id, unit.id, 'grundskola');
    const request = {
      organizer: { roundIds: [round.id] },
      units: { roundIds: [round.id], schoolUnitIds: [unit.id] },
      teams: { roundIds: [round.id], schoolUnitIds: [unit.id] },
      unitContext: { roundIds: [round.id], threshold: 5 },
    };
    for (const source of [keptTotals, totalsFromAnswers]) {
      await source.read(checked, exempelstad, request);
      await source.unitGrid(checked, exempelstad, { roundId: round.id, indicatorIds, steps: 4 });
    }
    await checked
      .transaction()
      .execute(async (trx) => {
        await addResponseToTotals(
          trx,
          {
            organizerId: exempelstad,
            roundId: round.id,
            schoolUnitId: unit.id,
            teamId: team.id,
            answers: [{ indicatorId: indicatorIds[0] as string, value: 3 }],
          },
          { foldProbability: 1 },
        );
        await trx.selectNoFrom(sql<number>`1`.as('rollback')).execute();
        throw new RollbackForTest();
      })
      .catch((e) => {
        if (!(e instanceof RollbackForTest)) throw e;
      });
    await foldPendingTotals(checked, exempelstad);
    await recomputeTotals(checked, exempelstad);
    expect((await checkTotals(checked, exempelstad)).ok).toBe(true);
  });
});

class RollbackForTest extends Error {}
