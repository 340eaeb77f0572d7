import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  forestArbitrary,
  revealedSmallCounts,
  revealedSmallCountsBruteForce,
  revelationKeys,
  safeForestArbitrary,
  thresholdArbitrary,
} from './forest-test-support.ts';
import { type AnonymityGroup, type GroupVisibility, suppressGroups } from './suppress-groups.ts';

const RUNS = { numRuns: 500 };

function visibleIn(decisions: ReadonlyMap<string, GroupVisibility>): (id: string) => boolean {
  return (id) => decisions.get(id)?.visible === true;
}

function childrenOf(groups: readonly AnonymityGroup[], parentId: string): AnonymityGroup[] {
  return groups.filter((g) => g.parentId === parentId);
}

describe('the independent checker', () => {
  it('agrees with brute force on small forests with any visibility', () => {
    fc.assert(
      fc.property(
        forestArbitrary(2).filter((groups) => groups.length <= 12),
        thresholdArbitrary,
        fc.func(fc.boolean()),
        (groups, threshold, visibleFn) => {
          const isVisible = (id: string): boolean => visibleFn(id);
          expect(revelationKeys(revealedSmallCounts(groups, isVisible, threshold))).toEqual(
            revelationKeys(revealedSmallCountsBruteForce(groups, isVisible, threshold)),
          );
        },
      ),
      RUNS,
    );
  });

  it('finds the classic leak: unit minus its visible teams', () => {
    const groups: AnonymityGroup[] = [
      { id: 'u', parentId: null, n: 12 },
      { id: 'a', parentId: 'u', n: 5 },
      { id: 'b', parentId: 'u', n: 5 },
    ];
    expect(revealedSmallCounts(groups, () => true, 5)).toEqual([{ ancestorId: 'u', count: 2 }]);
  });

  it('finds a leak across a hidden level: organizer minus the teams of a hidden unit', () => {
    const groups: AnonymityGroup[] = [
      { id: 'o', parentId: null, n: 30 },
      { id: 'u1', parentId: 'o', n: 4 },
      { id: 'u2', parentId: 'o', n: 26 },
      { id: 't1', parentId: 'u2', n: 10 },
      { id: 't2', parentId: 'u2', n: 16 },
    ];
    const visible = (id: string): boolean => id === 'o' || id === 't1' || id === 't2';
    expect(revealedSmallCounts(groups, visible, 5)).toEqual([{ ancestorId: 'o', count: 4 }]);
  });
});

describe('suppressGroups over generated forests', () => {
  it('(a) never shows a group with fewer respondents than the threshold', () => {
    fc.assert(
      fc.property(forestArbitrary(), thresholdArbitrary, (groups, threshold) => {
        const decisions = suppressGroups(groups, threshold);
        for (const group of groups) {
          if (decisions.get(group.id)?.visible) expect(group.n).toBeGreaterThanOrEqual(threshold);
        }
      }),
      RUNS,
    );
  });

  it('(b) leaves every visible parent with a hidden part of 0 or at least the threshold', () => {
    fc.assert(
      fc.property(forestArbitrary(), thresholdArbitrary, (groups, threshold) => {
        const decisions = suppressGroups(groups, threshold);
        const visible = visibleIn(decisions);
        for (const parent of groups) {
          if (!visible(parent.id)) continue;
          const shownChildren = childrenOf(groups, parent.id).filter((c) => visible(c.id));
          const hiddenPart = parent.n - shownChildren.reduce((sum, c) => sum + c.n, 0);
          expect(hiddenPart === 0 || hiddenPart >= threshold, `${parent.id}: hidden part ${hiddenPart}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('(c) lets no subtraction along the tree reveal a positive count below the threshold', () => {
    fc.assert(
      fc.property(forestArbitrary(4), thresholdArbitrary, (groups, threshold) => {
        const decisions = suppressGroups(groups, threshold);
        expect(revealedSmallCounts(groups, visibleIn(decisions), threshold)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('(c) holds by brute force too on small forests', () => {
    fc.assert(
      fc.property(
        forestArbitrary(2).filter((groups) => groups.length <= 14),
        thresholdArbitrary,
        (groups, threshold) => {
          const decisions = suppressGroups(groups, threshold);
          expect(revealedSmallCountsBruteForce(groups, visibleIn(decisions), threshold)).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('(d) is deterministic and independent of the input order', () => {
    fc.assert(
      fc.property(
        forestArbitrary().chain((groups) => fc.tuple(fc.constant(groups), fc.shuffledSubarray(groups, { minLength: groups.length }))),
        thresholdArbitrary,
        ([groups, shuffled], threshold) => {
          const first = suppressGroups(groups, threshold);
          expect(suppressGroups(groups, threshold)).toEqual(first);
          const fromShuffled = suppressGroups(shuffled, threshold);
          expect([...fromShuffled.keys()]).toEqual(shuffled.map((g) => g.id));
          for (const group of groups) expect(fromShuffled.get(group.id)).toEqual(first.get(group.id));
        },
      ),
      RUNS,
    );
  });

  it('(d) hides nothing when every group and every remainder is 0 or at least the threshold', () => {
    fc.assert(
      fc.property(
        thresholdArbitrary.chain((threshold) => fc.tuple(fc.constant(threshold), safeForestArbitrary(threshold))),
        ([threshold, groups]) => {
          const decisions = suppressGroups(groups, threshold);
          for (const group of groups) expect(decisions.get(group.id)).toEqual({ visible: true, reason: null });
        },
      ),
      RUNS,
    );
  });

  it('(d) hides no group without cause: showing any one secondary-hidden group again would leak', () => {
    fc.assert(
      fc.property(forestArbitrary(4), thresholdArbitrary, (groups, threshold) => {
        const decisions = suppressGroups(groups, threshold);
        const visible = visibleIn(decisions);
        for (const group of groups) {
          const decision = decisions.get(group.id);
          if (decision?.reason !== 'secondary' && decision?.reason !== 'parent-hidden') continue;
          const withGroupShown = (id: string): boolean => id === group.id || visible(id);
          expect(revealedSmallCounts(groups, withGroupShown, threshold), group.id).not.toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('gives each hidden group the reason that matches its n and its parent', () => {
    fc.assert(
      fc.property(forestArbitrary(), thresholdArbitrary, (groups, threshold) => {
        const decisions = suppressGroups(groups, threshold);
        const visible = visibleIn(decisions);
        for (const group of groups) {
          const decision = decisions.get(group.id);
          expect(decision).toBeDefined();
          if (group.n === 0) expect(decision?.reason).toBe('no-data');
          else if (group.n < threshold) expect(decision?.reason).toBe('below-threshold');
          else if (decision?.reason === 'secondary') expect(group.parentId !== null && visible(group.parentId)).toBe(true);
          else if (decision?.reason === 'parent-hidden') expect(group.parentId !== null && !visible(group.parentId)).toBe(true);
          else expect(decision).toEqual({ visible: true, reason: null });
        }
      }),
      RUNS,
    );
  });

  it('never hides a top-level group that is large enough', () => {
    fc.assert(
      fc.property(forestArbitrary(), thresholdArbitrary, (groups, threshold) => {
        const decisions = suppressGroups(groups, threshold);
        for (const root of groups.filter((g) => g.parentId === null && g.n >= threshold)) {
          expect(decisions.get(root.id)?.visible).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
