import { suppressGroups, type Visibility } from '@kvalitetshjulet/domain';
import { describe, expect, it } from 'vitest';
import {
  type ContextUnit,
  contextOf,
  organizerVisibility,
  respondentVisibilities,
  teamVisibilities,
  unitVisibilities,
} from './results-visibility.ts';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomUnits(next: () => number, count: number, threshold: number): ContextUnit[] {
  return Array.from({ length: count }, (_, i) => {
    const size = next() < 0.35 ? Math.floor(next() * threshold) : threshold + Math.floor(next() * 3 * threshold);
    const dontKnow = next() < 0.3 ? Math.floor(next() * threshold) : 0;
    // Ids in shuffled order, some sharing a size, so that ties are broken by id.
    return {
      schoolUnitId: `${Math.floor(next() * 1e6)
        .toString(16)
        .padStart(6, '0')}-${i}`,
      n: size,
      dontKnow,
    };
  });
}

function smallestPerMeasure(units: readonly ContextUnit[], threshold: number): ContextUnit[] {
  return [(u: ContextUnit) => u.n, (u: ContextUnit) => u.n + u.dontKnow].flatMap((m) => {
    const candidates = units.filter((u) => m(u) >= threshold).sort((a, b) => m(a) - m(b) || (a.schoolUnitId < b.schoolUnitId ? -1 : 1));
    return candidates.slice(0, 1);
  });
}

/** The reference: suppressGroups on the organizer and every unit, under both measures. */
function fullForest(units: readonly ContextUnit[], threshold: number): Map<string, boolean> {
  const measures = [(u: ContextUnit) => u.n, (u: ContextUnit) => u.n + u.dontKnow];
  const visible = new Map(units.map((u) => [u.schoolUnitId, true]));
  for (const m of measures) {
    const total = units.reduce((s, u) => s + m(u), 0);
    const result = suppressGroups(
      [{ id: 'org', parentId: null, n: total }, ...units.map((u) => ({ id: u.schoolUnitId, parentId: 'org', n: m(u) }))],
      threshold,
    );
    for (const u of units) if (!result.get(u.schoolUnitId)?.visible) visible.set(u.schoolUnitId, false);
  }
  return visible;
}

describe('stage 1: organizer → units from the context only', () => {
  it('decides every unit as the full forest of all units does (1 000 generated organizers)', () => {
    const next = random(20261123);
    for (let run = 0; run < 1000; run++) {
      const threshold = 3 + Math.floor(next() * 8);
      const units = randomUnits(next, 1 + Math.floor(next() * 25), threshold);
      const organizer = units.reduce((s, u) => ({ n: s.n + u.n, dontKnow: s.dontKnow + u.dontKnow }), { n: 0, dontKnow: 0 });
      const expected = fullForest(units, threshold);
      // The context as the database returns it, and with extra units (the smallest per measure always): same decisions.
      const always = [...new Set([...contextOf(units, threshold), ...smallestPerMeasure(units, threshold)])];
      for (const context of [contextOf(units, threshold), always]) {
        const decide = unitVisibilities(organizer, context, threshold);
        for (const u of units) {
          expect(decide(u.schoolUnitId, u).visible, `run ${run}, unit ${u.schoolUnitId}`).toBe(expected.get(u.schoolUnitId));
        }
      }
    }
  });

  it('hides the smallest shown unit when the small units together are below the threshold', () => {
    const units: ContextUnit[] = [
      { schoolUnitId: 'a', n: 3, dontKnow: 0 },
      { schoolUnitId: 'b', n: 12, dontKnow: 0 },
      { schoolUnitId: 'c', n: 9, dontKnow: 0 },
      { schoolUnitId: 'd', n: 9, dontKnow: 1 },
    ];
    const decide = unitVisibilities({ n: 33, dontKnow: 1 }, contextOf(units, 5), 5);
    expect(decide('a', { n: 3, dontKnow: 0 })).toEqual({ visible: false, reason: 'below-threshold' });
    expect(decide('c', { n: 9, dontKnow: 0 })).toEqual({ visible: false, reason: 'secondary' });
    expect(decide('d', { n: 9, dontKnow: 1 }).visible).toBe(true);
    expect(decide('b', { n: 12, dontKnow: 0 }).visible).toBe(true);
  });

  it('treats a group with only "vet ej" answers as small, not as empty', () => {
    expect(organizerVisibility({ n: 0, dontKnow: 2 }, 5)).toEqual({ visible: false, reason: 'below-threshold' });
    expect(organizerVisibility({ n: 0, dontKnow: 0 }, 5)).toEqual({ visible: false, reason: 'no-data' });
    expect(organizerVisibility({ n: 4, dontKnow: 3 }, 5)).toEqual({ visible: false, reason: 'below-threshold' });
  });
});

describe('stage 2: unit → teams', () => {
  it('leaves no shown unit with a hidden part between 1 and threshold − 1 (both measures)', () => {
    const next = random(7);
    for (let run = 0; run < 1000; run++) {
      const threshold = 3 + Math.floor(next() * 8);
      const teams = Array.from({ length: 1 + Math.floor(next() * 5) }, (_, i) => ({
        teamId: `t${i}`,
        n: Math.floor(next() * 3 * threshold),
        dontKnow: next() < 0.3 ? Math.floor(next() * 3) : 0,
      }));
      const extra = { n: next() < 0.3 ? Math.floor(next() * threshold) : 0, dontKnow: 0 };
      const unit = { n: teams.reduce((s, t) => s + t.n, extra.n), dontKnow: teams.reduce((s, t) => s + t.dontKnow, 0) };
      const unitVisible: Visibility = unit.n >= threshold ? { visible: true, reason: null } : { visible: false, reason: 'below-threshold' };
      const decisions = teamVisibilities(unit, unitVisible, teams, threshold);
      for (const measure of [(c: { n: number; dontKnow: number }) => c.n, (c: { n: number; dontKnow: number }) => c.n + c.dontKnow]) {
        for (const t of teams) if (decisions.get(t.teamId)?.visible) expect(measure(t)).toBeGreaterThanOrEqual(threshold);
        if (!unitVisible.visible) {
          expect([...decisions.values()].every((d) => !d.visible)).toBe(true);
          continue;
        }
        const hiddenPart = measure(unit) - teams.filter((t) => decisions.get(t.teamId)?.visible).reduce((s, t) => s + measure(t), 0);
        expect(hiddenPart === 0 || hiddenPart >= threshold, `run ${run}`).toBe(true);
      }
    }
  });

  it('hides every team of a hidden unit, with their own reason when they are small', () => {
    const decisions = teamVisibilities(
      { n: 20, dontKnow: 0 },
      { visible: false, reason: 'secondary' },
      [
        { teamId: 'big', n: 16, dontKnow: 0 },
        { teamId: 'small', n: 4, dontKnow: 0 },
      ],
      5,
    );
    expect(decisions.get('big')).toEqual({ visible: false, reason: 'parent-hidden' });
    expect(decisions.get('small')).toEqual({ visible: false, reason: 'below-threshold' });
  });

  it('protects comments by respondents: a small team hides its sibling too', () => {
    const { unit, teams } = respondentVisibilities(
      11,
      [
        { teamId: 'a', responses: 8 },
        { teamId: 'b', responses: 3 },
      ],
      5,
    );
    expect(unit.visible).toBe(true);
    expect(teams.get('b')).toEqual({ visible: false, reason: 'below-threshold' });
    expect(teams.get('a')).toEqual({ visible: false, reason: 'secondary' });
  });
});
