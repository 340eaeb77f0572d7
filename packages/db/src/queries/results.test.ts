import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_TODAY, type TestDatabase } from '../testing.ts';
import { getResultsRound, getUnitPageExtras, getUnitPageFacts, keptTotals, listResultsRounds, totalsFromAnswers } from './results.ts';

let t: TestDatabase;
let organizerId: string;
let unitId: string;
let roundIds: string[];
let indicatorIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  organizerId = (await t.db.selectFrom('organizers').select('id').where('key', '=', 'exempelstad').executeTakeFirstOrThrow()).id;
  unitId = (await t.db.selectFrom('school_units').select('id').where('name', '=', 'Ekbackens skola').executeTakeFirstOrThrow()).id;
  roundIds = (await listResultsRounds(t.db, organizerId, 'grundskola', unitId)).map((r) => r.id);
  const round = await getResultsRound(t.db, organizerId, roundIds[0] as string);
  indicatorIds = (
    await t.db
      .selectFrom('indicators')
      .select('id')
      .where('questionnaire_id', '=', round?.questionnaireId as string)
      .orderBy('area_id')
      .orderBy('position')
      .execute()
  ).map((i) => i.id);
});
afterAll(async () => t?.destroy());

describe('rounds for results', () => {
  it('lists a unit’s rounds of a school form oldest first, and each page finds the one before', async () => {
    const rounds = await listResultsRounds(t.db, organizerId, 'grundskola', unitId);
    expect(rounds).toHaveLength(3);
    expect(rounds.map((r) => r.opensOn)).toEqual([...rounds.map((r) => r.opensOn)].sort());
    const [first, second, third] = rounds;
    if (!first || !second || !third) throw new Error('rounds');
    expect((await getUnitPageFacts(t.db, organizerId, third.id, unitId)).previous?.id).toBe(second.id);
    expect((await getUnitPageFacts(t.db, organizerId, second.id, unitId)).previous?.id).toBe(first.id);
    expect((await getUnitPageFacts(t.db, organizerId, first.id, unitId)).previous).toBeNull();
  });

  it('finds nothing of another organizer', async () => {
    const other = await t.db.selectFrom('organizers').select('id').where('key', '=', 'backaskolan').executeTakeFirstOrThrow();
    expect(await getResultsRound(t.db, other.id, roundIds[0] as string)).toBeNull();
    expect(await listResultsRounds(t.db, other.id, 'grundskola', unitId)).toEqual([]);
  });
});

describe('totals for results', () => {
  it('hold exactly what the raw answers of one unit and indicator say', async () => {
    const round = roundIds[1] as string;
    const indicator = indicatorIds[3] as string;
    const raw = await t.db
      .selectFrom('answers as a')
      .innerJoin('responses as r', (j) => j.onRef('r.organizer_id', '=', 'a.organizer_id').onRef('r.id', '=', 'a.response_id'))
      .select(['a.value'])
      .where('a.organizer_id', '=', organizerId)
      .where('r.round_id', '=', round)
      .where('r.school_unit_id', '=', unitId)
      .where('a.indicator_id', '=', indicator)
      .execute();
    const values = raw.map((r) => r.value).filter((v): v is number => v !== null);
    const { units } = await keptTotals.read(t.db, organizerId, { units: { roundIds: [round], schoolUnitIds: [unitId] } });
    const row = units.find((r) => r.indicatorId === indicator);
    expect(row).toMatchObject({
      level: 'unit',
      n: values.length,
      sum: values.reduce((s, v) => s + v, 0),
      sumSquares: values.reduce((s, v) => s + v * v, 0),
      dontKnow: raw.length - values.length,
    });
    expect(row?.counts.slice(0, 4)).toEqual([1, 2, 3, 4].map((step) => values.filter((v) => v === step).length));
    expect(row?.counts.slice(4).every((c) => c === 0)).toBe(true);
  });

  it('give, as anonymity context, the small units and the smallest one above the threshold per indicator', async () => {
    const round = roundIds[1] as string;
    for (const threshold of [5, 12, 40]) {
      const { unitContext } = await keptTotals.read(t.db, organizerId, { unitContext: { roundIds: [round], threshold } });
      const grid = await keptTotals.unitGrid(t.db, organizerId, { roundId: round, indicatorIds, steps: 4 });
      indicatorIds.forEach((indicatorId, col) => {
        const units = grid.unitIds.map((id, row) => ({
          id,
          n: grid.n[row * indicatorIds.length + col] ?? 0,
          a: (grid.n[row * indicatorIds.length + col] ?? 0) + (grid.dontKnow[row * indicatorIds.length + col] ?? 0),
        }));
        // Small units; and the smallest unit at or above the threshold where the small ones add up to 1…threshold − 1.
        const small = units.filter((u) => u.n < threshold || u.a < threshold);
        const needed = (m: 'n' | 'a') => {
          const sum = units.filter((u) => u[m] < threshold).reduce((s, u) => s + u[m], 0);
          return sum > 0 && sum < threshold;
        };
        const min = (m: 'n' | 'a') => Math.min(...units.filter((u) => u[m] >= threshold).map((u) => u[m]));
        const smallest = units.filter(
          (u) => !small.includes(u) && ((needed('n') && u.n === min('n')) || (needed('a') && u.a === min('a'))),
        );
        const expected = [...small, ...smallest].map((u) => u.id);
        const got = unitContext.filter((c) => c.indicatorId === indicatorId).map((c) => c.schoolUnitId);
        expect(got.sort()).toEqual(expected.sort());
      });
    }
  });

  it('are the same from the kept totals and from the raw answers, for the grid of all units too', async () => {
    const request = {
      organizer: { roundIds },
      units: { roundIds, schoolUnitIds: [unitId] },
      teams: { roundIds, schoolUnitIds: [unitId] },
      unitContext: { roundIds, threshold: 5 },
    };
    const key = (r: object) => JSON.stringify(r);
    const sorted = (x: Awaited<ReturnType<typeof keptTotals.read>>) =>
      Object.fromEntries(Object.entries(x).map(([k, rows]) => [k, [...(rows as object[])].sort((a, b) => (key(a) < key(b) ? -1 : 1))]));
    expect(sorted(await keptTotals.read(t.db, organizerId, request))).toEqual(
      sorted(await totalsFromAnswers.read(t.db, organizerId, request)),
    );
    const grid = { roundId: roundIds[2] as string, indicatorIds, steps: 4 };
    expect(await keptTotals.unitGrid(t.db, organizerId, grid)).toEqual(await totalsFromAnswers.unitGrid(t.db, organizerId, grid));
  });
});

describe('a unit page’s facts, comments and participation', () => {
  it('gives the organizer, unit, round, previous round and teams in one go', async () => {
    const facts = await getUnitPageFacts(t.db, organizerId, roundIds[2] as string, unitId);
    expect(facts.organizer).toMatchObject({ id: organizerId, kind: 'kommun', anonymityThreshold: 5, staffCanSeeResults: true });
    expect(facts.unit?.name).toBe('Ekbackens skola');
    expect(facts.round?.id).toBe(roundIds[2]);
    expect(facts.round?.opensOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(facts.unitInRound).toBe(true);
    expect(facts.previous?.id).toBe(roundIds[1]);
    expect(facts.teams.map((x) => x.name)).toContain('Arbetslag 4–6');
    const other = await t.db.selectFrom('organizers').select('id').where('key', '=', 'backaskolan').executeTakeFirstOrThrow();
    const elsewhere = await getUnitPageFacts(t.db, other.id, roundIds[2] as string, unitId);
    expect(elsewhere).toMatchObject({ unit: null, round: null, unitInRound: false, previous: null, teams: [] });
  });

  it('gives a unit’s comments with their area and team, and counts of people only', async () => {
    const round = roundIds[1] as string;
    const extras = await getUnitPageExtras(t.db, organizerId, round, unitId, 'grundskola');
    expect(extras.comments.length).toBeGreaterThan(0);
    for (const c of extras.comments) expect(Object.keys(c).sort()).toEqual(['areaId', 'body', 'teamId']);
    expect(extras.responsesByTeam.reduce((s, r) => s + r.responses, 0)).toBe(extras.submitted);
    expect(extras.submitted).toBeGreaterThan(0);
    expect(extras.submitted).toBeLessThanOrEqual(extras.eligible);
    expect(TEST_TODAY).toBe('2026-11-23');
  });
});
