import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../create-database.ts';
import { createTestDatabase, ekbackenRound, type TestDatabase } from '../testing.ts';
import { addResponseToTotals, checkTotals, foldPendingTotals, recomputeTotals } from './indicator-totals.ts';
import { keptTotals, type TotalsRequest, type TotalsResult, totalsFromAnswers } from './results.ts';

let t: TestDatabase;
let organizerId: string;
let roundId: string;
let unitId: string;
let teamId: string;
let indicatorIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  const fixture = await ekbackenRound(t.db);
  ({ organizerId, roundId, unitId } = fixture);
  indicatorIds = fixture.indicators.map((i) => i.id);
  teamId = (
    await t.db
      .selectFrom('teams')
      .select('id')
      .where('school_unit_id', '=', unitId)
      .where('name', '=', 'Arbetslag 4–6')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => t?.destroy());

/** Stores one response the way a submission does: response, answers and totals in one transaction. */
async function submit(db: Db, values: (number | null)[], options: { foldProbability: number; team?: string | null }): Promise<void> {
  const team = options.team === undefined ? teamId : options.team;
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('responses')
      .values({ organizer_id: organizerId, round_id: roundId, school_unit_id: unitId, team_id: team, submitted_on: '2026-11-20' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const answers = values.map((value, i) => ({ indicatorId: indicatorIds[i] as string, value }));
    await trx
      .insertInto('answers')
      .values(
        answers.map((a) => ({
          organizer_id: organizerId,
          response_id: id,
          indicator_id: a.indicatorId,
          value: a.value,
          dont_know: a.value === null,
        })),
      )
      .execute();
    await addResponseToTotals(
      trx,
      { organizerId, roundId, schoolUnitId: unitId, teamId: team, answers },
      { foldProbability: options.foldProbability },
    );
  });
}

const pendingCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('indicator_totals_pending')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organizer_id', '=', organizerId)
        .executeTakeFirstOrThrow()
    ).n,
  );

function sorted(result: TotalsResult): TotalsResult {
  const key = (r: object) => JSON.stringify(r);
  const sort = <T extends object>(rows: T[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  return { organizer: sort(result.organizer), units: sort(result.units), teams: sort(result.teams), unitContext: sort(result.unitContext) };
}

async function expectReadersAgree(): Promise<void> {
  const previous = await t.db
    .selectFrom('rounds')
    .select('id')
    .where('organizer_id', '=', organizerId)
    .where('school_form', '=', 'grundskola')
    .where('id', '<>', roundId)
    .execute();
  const roundIds = [roundId, ...previous.map((r) => r.id)];
  const request: TotalsRequest = {
    organizer: { roundIds },
    units: { roundIds, schoolUnitIds: [unitId] },
    teams: { roundIds, schoolUnitIds: [unitId] },
    unitContext: { roundIds, threshold: 5 },
  };
  expect(sorted(await keptTotals.read(t.db, organizerId, request))).toEqual(
    sorted(await totalsFromAnswers.read(t.db, organizerId, request)),
  );
  const grid = { roundId, indicatorIds, steps: 4 };
  expect(await keptTotals.unitGrid(t.db, organizerId, grid)).toEqual(await totalsFromAnswers.unitGrid(t.db, organizerId, grid));
}

describe('kept totals', () => {
  it('equal a recompute from the raw answers for both demo organizers after seeding', async () => {
    for (const key of ['exempelstad', 'backaskolan']) {
      const org = await t.db.selectFrom('organizers').select('id').where('key', '=', key).executeTakeFirstOrThrow();
      const check = await checkTotals(t.db, org.id);
      expect(check.mismatches).toEqual([]);
      expect(check.ok).toBe(true);
      expect(check.compared).toBeGreaterThan(100);
    }
  });

  it('count a submission at once through its pending row, and the same after folding', async () => {
    const before = await pendingCount();
    await submit(t.db, [4, 3, null, 1, 2], { foldProbability: 0 });
    expect(await pendingCount()).toBe(before + 1);
    await expectReadersAgree();
    expect((await checkTotals(t.db, organizerId)).ok).toBe(true);

    const fold = await foldPendingTotals(t.db, organizerId);
    expect(fold).toEqual({ folded: true, responses: before + 1 });
    expect(await pendingCount()).toBe(0);
    await expectReadersAgree();
    expect((await checkTotals(t.db, organizerId)).ok).toBe(true);
  });

  it('count a response without a team in its unit and organizer only', async () => {
    await submit(t.db, [2, 2, 2], { foldProbability: 0, team: null });
    await expectReadersAgree();
    await foldPendingTotals(t.db, organizerId);
    await expectReadersAgree();
    expect((await checkTotals(t.db, organizerId)).ok).toBe(true);
  });

  it('stay exact when a submission folds inside its own transaction', async () => {
    await submit(t.db, [1, 2, 3, 4], { foldProbability: 0 });
    await submit(t.db, [3, 3, 3, 3], { foldProbability: 1 });
    expect(await pendingCount()).toBe(0);
    expect((await checkTotals(t.db, organizerId)).ok).toBe(true);
  });

  it('stay exact under concurrent submissions that fold now and then', async () => {
    let i = 0;
    await Promise.all(
      Array.from({ length: 24 }, () => {
        i++;
        const values = indicatorIds.slice(0, 10).map((_, k) => ((i + k) % 5 === 0 ? null : ((i * 7 + k) % 4) + 1));
        return submit(t.db, values, { foldProbability: i % 3 === 0 ? 1 : 0 });
      }),
    );
    expect((await checkTotals(t.db, organizerId)).ok).toBe(true);
    await expectReadersAgree();
  });

  it('are repaired by a recompute, and the check shows what was wrong', async () => {
    await submit(t.db, [4, 4], { foldProbability: 0 });
    await sql`update indicator_totals_unit set n = n + 1, c2 = c2 + 1
      where organizer_id = ${organizerId}::uuid and round_id = ${roundId}::uuid and school_unit_id = ${unitId}::uuid
        and indicator_id = ${indicatorIds[5]}::uuid`.execute(t.db);
    const damaged = await checkTotals(t.db, organizerId);
    expect(damaged.ok).toBe(false);
    expect(damaged.mismatches).toHaveLength(1);
    expect(damaged.mismatches[0]).toMatchObject({
      level: 'unit',
      roundId,
      schoolUnitId: unitId,
      teamId: null,
      indicatorId: indicatorIds[5],
    });
    const [stored, fresh] = [damaged.mismatches[0]?.stored ?? [], damaged.mismatches[0]?.fromAnswers ?? []];
    expect((stored[0] ?? 0) - (fresh[0] ?? 0)).toBe(1);

    await recomputeTotals(t.db, organizerId);
    expect(await pendingCount()).toBe(0);
    expect((await checkTotals(t.db, organizerId)).ok).toBe(true);
  });

  it('refuse a value outside the scale', async () => {
    await expect(
      addResponseToTotals(t.db, {
        organizerId,
        roundId,
        schoolUnitId: unitId,
        teamId,
        answers: [{ indicatorId: indicatorIds[0] as string, value: 11 }],
      }),
    ).rejects.toThrow(RangeError);
  });

  it.skipIf(!process.env.DATABASE_URL)('let one fold run at a time; a second returns at once', async () => {
    await submit(t.db, [1], { foldProbability: 0 });
    await t.db.transaction().execute(async (trx) => {
      expect((await foldPendingTotals(trx, organizerId)).folded).toBe(true);
      await submit(t.db, [2], { foldProbability: 0 });
      expect(await foldPendingTotals(t.db, organizerId)).toEqual({ folded: false, responses: 0 });
    });
    expect((await foldPendingTotals(t.db, organizerId)).folded).toBe(true);
    expect((await checkTotals(t.db, organizerId)).ok).toBe(true);
  });
});
