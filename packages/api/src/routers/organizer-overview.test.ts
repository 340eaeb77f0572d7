import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedCallerAs, latestClosedRound, unitIdByName } from '../testing.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

/** A caller acting as `name`, whose queries are checked for organizer_id filters. */
const as = (name?: string) => checkedCallerAs(t.db, name);

const unitId = (name: string) => unitIdByName(t.db, name);

/** The latest closed round of a school form at an organizer. */
const closedRound = (organizerKey: string, schoolForm: string) => latestClosedRound(t.db, organizerKey, schoolForm);

describe('organizerOverview.overview', () => {
  it('gives the organizer level every unit of the round, weakest areas first, and the needs with reasons', async () => {
    const maria = await as('Maria Svensson');
    const round = await closedRound('exempelstad', 'grundskola');
    const o = await maria.organizerOverview.overview({ schoolForm: 'grundskola', roundId: round });
    expect(o.round.id).toBe(round);
    expect(o.units).toHaveLength(5);
    const means = o.areas.map((a) => (a.figures.suppressed ? Number.POSITIVE_INFINITY : (a.figures.value.mean ?? 0)));
    expect(means).toEqual([...means].sort((a, b) => a - b));
    expect(o.weakIndicators.length).toBe(5);
    const norrgarden = await unitId('Norrgårdsskolan');
    // Norrgårdsskolan falls clearly in Bedömning och betyg
    const needs = o.needs.find((n) => n.unitId === norrgarden);
    expect(needs?.unitName).toBe('Norrgårdsskolan');
    expect(needs?.areas.some((a) => a.areaTitle === 'Bedömning och betyg' && a.signals.length > 0)).toBe(true);
    for (const unit of o.needs) for (const area of unit.areas) for (const s of area.signals) expect(s.reason.length).toBeGreaterThan(10);
    // the units below a weak indicator carry their finding, with mean and n, and are shown in the unit's results
    for (const w of o.weakIndicators) {
      for (const u of w.unitsBelow) {
        expect(u.n).toBeGreaterThanOrEqual(o.threshold);
        expect(u.reason).toMatch(/Tydligt lägre än kommunens snitt/);
      }
    }
  });

  it('gives a rektor only the own units, and the latest round by default', async () => {
    const erik = await as('Erik Johansson');
    const o = await erik.organizerOverview.overview({ schoolForm: 'grundskola' });
    expect(o.units.map((u) => u.name).sort()).toEqual(['Ekbackens skola', 'Tallbackens skola']);
    expect(o.round.state).toBe('open');
    for (const n of o.needs) expect(['Ekbackens skola', 'Tallbackens skola']).toContain(n.unitName);
  });

  it('refuses staff, the administrator, anyone not logged in, and another organizer’s round', async () => {
    const round = await closedRound('exempelstad', 'grundskola');
    await expect((await as('Anna Lindqvist')).organizerOverview.overview({ schoolForm: 'grundskola' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect((await as('Sara Nilsson')).organizerOverview.overview({ schoolForm: 'grundskola' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect((await as()).organizerOverview.overview({ schoolForm: 'grundskola' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect((await as('Per Bäck')).organizerOverview.overview({ schoolForm: 'grundskola', roundId: round })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('results.trend intervals and questionnaire versions', () => {
  it('gives every shown point its 95 % interval around the mean, and each round its questionnaire version', async () => {
    const maria = await as('Maria Svensson');
    const trend = await maria.results.trend({ schoolForm: 'grundskola' });
    expect(trend.rounds.every((r) => Number.isInteger(r.questionnaireVersion) && r.questionnaireVersion >= 1)).toBe(true);
    const points = trend.areas.flatMap((a) => a.points);
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) {
      if (p.figures.suppressed) continue;
      const { mean, meanInterval } = p.figures.value;
      expect(meanInterval).not.toBeNull();
      expect(meanInterval?.lower).toBeLessThanOrEqual(mean as number);
      expect(meanInterval?.upper).toBeGreaterThanOrEqual(mean as number);
    }
  });
});
