import { keptTotals } from '@kvalitetshjulet/db';
import { createTestDatabase, TEST_TODAY, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedCallerAs, latestClosedRound, unitIdByName } from '../testing.ts';

let t: TestDatabase;
/** Every query the procedures run goes through the organizer_id check. */

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

/** A caller acting as `name`, whose queries are checked for organizer_id filters. */
const as = (name?: string) => checkedCallerAs(t.db, name);

const unitId = (name: string) => unitIdByName(t.db, name);

async function teamId(unitName: string, teamName: string): Promise<string> {
  return (
    await t.db
      .selectFrom('teams as tm')
      .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'tm.organizer_id').onRef('su.id', '=', 'tm.school_unit_id'))
      .select('tm.id')
      .where('su.name', '=', unitName)
      .where('tm.name', '=', teamName)
      .executeTakeFirstOrThrow()
  ).id;
}

/** The latest closed round of a school form at an organizer. */
const closedRound = (organizerKey: string, schoolForm: string) => latestClosedRound(t.db, organizerKey, schoolForm);

describe('who may read results', () => {
  it('gives a rektor their own units and refuses another rektor’s', async () => {
    const erik = await as('Erik Johansson');
    const round = await closedRound('exempelstad', 'grundskola');
    const own = await erik.results.unit({ roundId: round, schoolUnitId: await unitId('Ekbackens skola') });
    expect(own.unit.name).toBe('Ekbackens skola');
    await expect(erik.results.unit({ roundId: round, schoolUnitId: await unitId('Sjöviksskolan') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('Du har inte behörighet'),
    });
    const karin = await as('Karin Holm');
    await expect(karin.results.unit({ roundId: round, schoolUnitId: await unitId('Ekbackens skola') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const preschool = await closedRound('exempelstad', 'forskola');
    expect((await karin.results.unit({ roundId: preschool, schoolUnitId: await unitId('Solrosens förskola') })).unit.name).toBe(
      'Solrosens förskola',
    );
    await expect(erik.results.unit({ roundId: preschool, schoolUnitId: await unitId('Solrosens förskola') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('gives the organizer level every unit of its organizer, and nothing of another organizer', async () => {
    const maria = await as('Maria Svensson');
    const preschool = await closedRound('exempelstad', 'forskola');
    expect((await maria.results.unit({ roundId: preschool, schoolUnitId: await unitId('Ekorrens förskola') })).unit.name).toBe(
      'Ekorrens förskola',
    );
    const backa = await closedRound('backaskolan', 'grundskola');
    await expect(maria.results.unit({ roundId: backa, schoolUnitId: await unitId('Bäckaskolan') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const per = await as('Per Bäck');
    expect((await per.results.unit({ roundId: backa, schoolUnitId: await unitId('Bäckaskolan') })).unit.name).toBe('Bäckaskolan');
    const round = await closedRound('exempelstad', 'grundskola');
    await expect(per.results.unit({ roundId: round, schoolUnitId: await unitId('Ekbackens skola') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(per.results.compare({ roundId: round })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets staff read their own unit where the organizer allows it, and nothing else', async () => {
    const anna = await as('Anna Lindqvist');
    const round = await closedRound('exempelstad', 'grundskola');
    const own = await anna.results.unit({ roundId: round, schoolUnitId: await unitId('Ekbackens skola') });
    expect(own.unit.indicators.length).toBeGreaterThan(20);
    await expect(anna.results.unit({ roundId: round, schoolUnitId: await unitId('Tallbackens skola') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(anna.results.compare({ roundId: round })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(anna.results.organizer({ schoolForm: 'grundskola' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const trend = await anna.results.trend({ schoolForm: 'grundskola', schoolUnitId: await unitId('Ekbackens skola') });
    expect(trend.rounds.length).toBe(3);

    const olle = await as('Olle Strand');
    const backa = await closedRound('backaskolan', 'grundskola');
    await expect(olle.results.unit({ roundId: backa, schoolUnitId: await unitId('Bäckaskolan') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('Huvudmannen har inte gett medarbetare tillgång'),
    });
    await expect(olle.results.trend({ schoolForm: 'grundskola', schoolUnitId: await unitId('Bäckaskolan') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses the administrator and anyone not logged in', async () => {
    const round = await closedRound('exempelstad', 'grundskola');
    const input = { roundId: round, schoolUnitId: await unitId('Ekbackens skola') };
    await expect((await as('Sara Nilsson')).results.unit(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect((await as()).results.unit(input)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('checks team results against the team’s unit', async () => {
    const erik = await as('Erik Johansson');
    const round = await closedRound('exempelstad', 'grundskola');
    const team = await erik.results.team({ roundId: round, teamId: await teamId('Ekbackens skola', 'Arbetslag 4–6') });
    expect(team.team.name).toBe('Arbetslag 4–6');
    await expect(erik.results.team({ roundId: round, teamId: await teamId('Sjöviksskolan', 'Arbetslag 4–6') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('anonymity in the results', () => {
  it('hides a team of four (Kastanjeskolan, Arbetslag 7–9) and the sibling that would reveal it', async () => {
    const maria = await as('Maria Svensson');
    const round = await closedRound('exempelstad', 'anpassad-grundskola');
    const result = await maria.results.unit({ roundId: round, schoolUnitId: await unitId('Kastanjeskolan') });
    const small = result.teams.find((x) => x.name === 'Arbetslag 7–9');
    const sibling = result.teams.find((x) => x.name === 'Arbetslag 1–6');
    expect(small && sibling).toBeTruthy();
    for (const indicator of small?.indicators ?? []) {
      expect(indicator.figures).toMatchObject({ suppressed: true, value: null, explanation: expect.stringContaining('färre än 5') });
      expect(['below-threshold', 'no-data']).toContain(indicator.figures.suppressed ? indicator.figures.reason : null);
    }
    for (const area of small?.areas ?? []) expect(area.figures.suppressed).toBe(true);
    // Where the unit is shown, the other team alone would give the small one by subtraction.
    const shownUnit = result.unit.indicators.filter((i) => !i.figures.suppressed);
    expect(shownUnit.length).toBeGreaterThan(0);
    const reasons = shownUnit.map((indicator) => {
      const other = sibling?.indicators.find((i) => i.key === indicator.key)?.figures;
      expect(other).toMatchObject({ suppressed: true, value: null });
      return other?.suppressed ? other.reason : null;
    });
    expect(reasons.every((r) => r === 'secondary' || r === 'below-threshold')).toBe(true);
    expect(reasons.filter((r) => r === 'secondary').length).toBeGreaterThan(shownUnit.length / 2);
    const secondary = sibling?.indicators.find((i) => i.figures.suppressed && i.figures.reason === 'secondary')?.figures;
    expect(secondary).toMatchObject({ explanation: expect.stringContaining('räkna fram') });
    for (const area of result.comments) {
      expect(area.teams.find((x) => x.teamName === 'Arbetslag 7–9')?.comments.suppressed).toBe(true);
    }
  });

  it('hides the programme of three at the anpassade gymnasieskolan and protects it', async () => {
    const maria = await as('Maria Svensson');
    const round = await closedRound('exempelstad', 'anpassad-gymnasieskola');
    const result = await maria.results.unit({
      roundId: round,
      schoolUnitId: await unitId('Exempelstads gymnasium, anpassade gymnasieskolan'),
    });
    const small = result.teams.find((x) => x.name === 'Individuella program');
    for (const indicator of small?.indicators ?? []) {
      expect(indicator.figures).toMatchObject({ suppressed: true, value: null });
    }
    const other = result.teams.find((x) => x.name === 'Nationella program');
    for (const indicator of result.unit.indicators.filter((i) => !i.figures.suppressed)) {
      expect(other?.indicators.find((i) => i.key === indicator.key)?.figures.suppressed).toBe(true);
    }
  });

  it('never leaves a shown unit with a hidden part of 1 to 4 answers, in any unit and round', async () => {
    const maria = await as('Maria Svensson');
    const organizer = await t.db.selectFrom('organizers').select('id').where('key', '=', 'exempelstad').executeTakeFirstOrThrow();
    const rounds = await t.db
      .selectFrom('round_units as ru')
      .innerJoin('rounds as r', (j) => j.onRef('r.organizer_id', '=', 'ru.organizer_id').onRef('r.id', '=', 'ru.round_id'))
      .select(['ru.round_id', 'ru.school_unit_id'])
      .where('ru.organizer_id', '=', organizer.id)
      .where('r.closes_on', '<', TEST_TODAY)
      .execute();
    expect(rounds.length).toBeGreaterThan(15);
    for (const { round_id, school_unit_id } of rounds) {
      const result = await maria.results.unit({ roundId: round_id, schoolUnitId: school_unit_id });
      const totals = await keptTotals.read(t.db, organizer.id, { teams: { roundIds: [round_id], schoolUnitIds: [school_unit_id] } });
      for (const indicator of result.unit.indicators) {
        if (indicator.figures.suppressed) {
          for (const team of result.teams) expect(team.indicators.find((i) => i.key === indicator.key)?.figures.suppressed).toBe(true);
          continue;
        }
        expect(indicator.figures.value.n).toBeGreaterThanOrEqual(5);
        const shownTeams = result.teams.filter((team) => !team.indicators.find((i) => i.key === indicator.key)?.figures.suppressed);
        const shownN = shownTeams.reduce((s, team) => {
          const f = team.indicators.find((i) => i.key === indicator.key)?.figures;
          return s + (f && !f.suppressed ? f.value.n : 0);
        }, 0);
        const hidden = indicator.figures.value.n - shownN;
        expect(hidden === 0 || hidden >= 5, `${result.unit.name} ${indicator.key}: hidden part ${hidden}`).toBe(true);
        expect(totals.teams.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('the figures', () => {
  it('equal a hand computation from the raw answers for one unit and indicator', async () => {
    const erik = await as('Erik Johansson');
    const round = await closedRound('exempelstad', 'grundskola');
    const unit = await unitId('Ekbackens skola');
    const result = await erik.results.unit({ roundId: round, schoolUnitId: unit });
    const indicator = result.unit.indicators[0];
    if (!indicator) throw new Error('no indicator');
    const rows = await t.db
      .selectFrom('answers as a')
      .innerJoin('responses as r', (j) => j.onRef('r.organizer_id', '=', 'a.organizer_id').onRef('r.id', '=', 'a.response_id'))
      .innerJoin('indicators as i', 'i.id', 'a.indicator_id')
      .select(['a.value'])
      .where('r.round_id', '=', round)
      .where('r.school_unit_id', '=', unit)
      .where('i.key', '=', indicator.key)
      .execute();
    const values = rows.map((r) => r.value).filter((v): v is number => v !== null);
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    const atLeast3 = values.filter((v) => v >= 3).length / n;
    expect(indicator.figures.suppressed).toBe(false);
    if (indicator.figures.suppressed) return;
    const f = indicator.figures.value;
    expect(f.n).toBe(n);
    expect(f.dontKnow).toBe(rows.length - n);
    expect(f.mean).toBeCloseTo(mean, 10);
    expect(f.sd).toBeCloseTo(sd, 10);
    expect(f.distribution).toEqual([1, 2, 3, 4].map((step) => values.filter((v) => v === step).length / n));
    expect(f.shareAtLeast3).toBeCloseTo(atLeast3, 10);
    expect(f.index).toBeCloseTo(((mean - 1) / 3) * 10, 10);
    expect(f.meanInterval?.lower).toBeLessThan(mean);
    expect(f.meanInterval?.upper).toBeGreaterThan(mean);
    expect(f.shareInterval?.lower).toBeLessThanOrEqual(atLeast3);
    expect(result.unit.participation.submitted).toBeGreaterThan(0);
    expect(result.unit.participation.submitted).toBeLessThanOrEqual(result.unit.participation.eligible);
    // The change since the round before, by indicator key.
    expect(result.previousRound).not.toBeNull();
    expect(indicator.change).toMatchObject({ suppressed: false });
  });

  it('shows an area only when all its indicators are shown, and comments only for groups large enough', async () => {
    const erik = await as('Erik Johansson');
    const round = await closedRound('exempelstad', 'grundskola');
    const result = await erik.results.unit({ roundId: round, schoolUnitId: await unitId('Ekbackens skola') });
    for (const group of [result.unit, ...result.teams]) {
      for (const area of group.areas) {
        const members = group.indicators.filter((i) => i.areaKey === area.key);
        if (!area.figures.suppressed) expect(members.every((i) => !i.figures.suppressed || i.figures.reason === 'no-data')).toBe(true);
        else if (area.figures.reason !== 'no-data') expect(members.some((i) => i.figures.suppressed)).toBe(true);
      }
    }
    for (const area of result.comments) {
      if (!area.unit.suppressed) expect(area.unit.comments.every((c) => c.trim().length > 0)).toBe(true);
    }
    expect(result.comments.some((a) => !a.unit.suppressed && a.unit.comments.length > 0)).toBe(true);
  });

  it('finds strengths and weaknesses only among shown indicators', async () => {
    const maria = await as('Maria Svensson');
    const round = await closedRound('exempelstad', 'grundskola');
    const result = await maria.results.unit({ roundId: round, schoolUnitId: await unitId('Norrgårdsskolan') });
    expect(result.findings.length).toBeGreaterThan(0);
    for (const finding of result.findings) {
      expect(result.unit.indicators.find((i) => i.key === finding.indicatorKey)?.figures.suppressed).toBe(false);
      expect(finding.reason.length).toBeGreaterThan(10);
    }
    const findings = await maria.results.findings({ roundId: round, schoolUnitId: await unitId('Norrgårdsskolan') });
    expect(findings.findings).toEqual(result.findings);
  });

  it('gives the organizer’s results per school form with the change since the round before', async () => {
    const maria = await as('Maria Svensson');
    const round = await closedRound('exempelstad', 'grundskola');
    const result = await maria.results.organizer({ schoolForm: 'grundskola', roundId: round });
    expect(result.organizer.name).toBe('Exempelstad kommun');
    expect(result.units).toBe(5);
    expect(result.previousRound).not.toBeNull();
    expect(result.organizer.indicators.every((i) => !i.figures.suppressed && i.change !== null && !i.change.suppressed)).toBe(true);
    const latest = await maria.results.organizer({ schoolForm: 'grundskola' });
    expect(latest.round.state).toBe('open');
  });

  it('compares units as column arrays, hidden cells carrying only a reason', async () => {
    const maria = await as('Maria Svensson');
    const round = await closedRound('exempelstad', 'grundskola');
    const all = await maria.results.compare({ roundId: round });
    const k = all.indicators.length;
    expect(all.units.length).toBe(5);
    for (const column of [all.cells.n, all.cells.mean, all.cells.index, all.cells.suppressed, ...all.cells.distribution]) {
      expect(column).toHaveLength(all.units.length * k);
    }
    expect(all.organizer.n).toHaveLength(k);
    all.cells.suppressed.forEach((reason, i) => {
      if (reason === null) expect(all.cells.n[i]).toBeGreaterThanOrEqual(5);
      else {
        expect(all.cells.mean[i]).toBeNull();
        expect(all.explanations[reason]).toMatch(/^Visas inte/);
      }
    });
    const erik = await as('Erik Johansson');
    const own = await erik.results.compare({ roundId: round });
    expect(own.units.map((u) => u.name).sort()).toEqual(['Ekbackens skola', 'Tallbackens skola']);
    // The same decisions whoever looks: Erik's cells equal the organizer level's for his units.
    const row = (c: typeof all, name: string) => {
      const i = c.units.findIndex((u) => u.name === name);
      return c.cells.mean.slice(i * k, (i + 1) * k);
    };
    expect(row(own, 'Ekbackens skola')).toEqual(row(all, 'Ekbackens skola'));
    await expect(erik.results.compare({ roundId: round, schoolUnitIds: [await unitId('Sjöviksskolan')] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('follows a unit and a team across rounds by indicator key', async () => {
    const erik = await as('Erik Johansson');
    const unit = await erik.results.trend({ schoolForm: 'grundskola', schoolUnitId: await unitId('Ekbackens skola') });
    expect(unit.group.kind).toBe('unit');
    expect(unit.rounds.map((r) => r.state)).toEqual(['closed', 'closed', 'open']);
    for (const indicator of unit.indicators) expect(indicator.points).toHaveLength(3);
    expect(unit.indicators.some((i) => i.points.every((p) => !p.figures.suppressed))).toBe(true);
    const team = await erik.results.trend({ schoolForm: 'grundskola', teamId: await teamId('Ekbackens skola', 'Arbetslag 4–6') });
    expect(team.group).toMatchObject({ kind: 'team', name: 'Arbetslag 4–6' });
    const organizer = await (await as('Maria Svensson')).results.trend({ schoolForm: 'grundskola' });
    expect(organizer.group.kind).toBe('organizer');
    expect(organizer.areas.every((a) => a.points.every((p) => !p.figures.suppressed))).toBe(true);
  });
});
