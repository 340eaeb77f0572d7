/**
 * Test support for the suppression tests: forest generators and an independent checker of what
 * published figures reveal. Written from the definition, not from suppress-groups.ts, so the
 * property tests check the implementation against something it does not share code with.
 * Not exported from the package.
 */
import fc from 'fast-check';
import type { AnonymityGroup } from './suppress-groups.ts';

export interface TreeSpec {
  /** People in this group who are in none of its children. */
  readonly remainder: number;
  readonly children: readonly TreeSpec[];
}

/** Deepest level index: 0 organizer, 1 unit, 2 team, 3 one more level below. */
export const MAX_DEPTH = 3;

const anyCount: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 12 }), weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 1 },
);

function treeArbitrary(depth: number, count: fc.Arbitrary<number>, maxChildren: number): fc.Arbitrary<TreeSpec> {
  if (depth >= MAX_DEPTH) return fc.record({ remainder: count, children: fc.constant([]) });
  return fc.record({
    remainder: count,
    children: fc.array(treeArbitrary(depth + 1, count, maxChildren), { maxLength: maxChildren }),
  });
}

/** A forest of 1–3 roots, depth ≤ {@link MAX_DEPTH}, every count random (often small, sometimes 0). */
export const forestArbitrary = (maxChildren = 3, count: fc.Arbitrary<number> = anyCount): fc.Arbitrary<AnonymityGroup[]> =>
  fc.array(treeArbitrary(0, count, maxChildren), { minLength: 1, maxLength: 3 }).map(toGroups);

export const thresholdArbitrary: fc.Arbitrary<number> = fc.integer({ min: 3, max: 10 });

/**
 * A forest where every group has at least `threshold` people and every remainder is 0 or at
 * least `threshold`: nothing in it needs hiding.
 */
export const safeForestArbitrary = (threshold: number): fc.Arbitrary<AnonymityGroup[]> => {
  const big = fc.integer({ min: threshold, max: threshold + 25 });
  const tree = (depth: number): fc.Arbitrary<TreeSpec> => {
    const leaf = fc.record({ remainder: big, children: fc.constant([] as TreeSpec[]) });
    if (depth >= MAX_DEPTH) return leaf;
    const inner = fc.record({
      remainder: fc.oneof(fc.constant(0), big),
      children: fc.array(tree(depth + 1), { minLength: 1, maxLength: 3 }),
    });
    return fc.oneof(leaf, inner);
  };
  return fc.array(tree(0), { minLength: 1, maxLength: 3 }).map(toGroups);
};

/** Ids are deliberately not in any useful order ("r0", "r0-2", …), so tie-breaking by id is exercised. */
export function toGroups(roots: readonly TreeSpec[]): AnonymityGroup[] {
  const groups: AnonymityGroup[] = [];
  const add = (spec: TreeSpec, id: string, parentId: string | null): number => {
    const index = groups.length;
    groups.push({ id, parentId, n: -1 });
    let n = spec.remainder;
    for (const [i, child] of spec.children.entries()) n += add(child, `${id}-${i}`, id);
    groups[index] = { id, parentId, n };
    return n;
  };
  for (const [i, root] of roots.entries()) add(root, `r${i}`, null);
  return groups;
}

export interface Revelation {
  /** The visible group the subtraction starts from. */
  readonly ancestorId: string;
  /** A count of people, between 1 and threshold − 1, that some subtraction yields. */
  readonly count: number;
}

/**
 * Every positive count below the threshold that a reader can obtain as
 * `A.n − Σ S.n`, where A is a visible group and S any set of visible proper descendants of A
 * of which none contains another; plus every visible group that is itself below the threshold
 * (S empty). Dynamic programming over the tree, independent of the implementation.
 */
export function revealedSmallCounts(
  groups: readonly AnonymityGroup[],
  isVisible: (id: string) => boolean,
  threshold: number,
): Revelation[] {
  const children = new Map<string, AnonymityGroup[]>();
  for (const group of groups) {
    if (group.parentId !== null) {
      const list = children.get(group.parentId) ?? [];
      list.push(group);
      children.set(group.parentId, list);
    }
  }
  const memo = new Map<string, Set<number>>();
  // Counts only grow as parts are added, so every count ≥ threshold can be stored as threshold
  // ("large enough"): the sets stay small and the answer for counts below the threshold is exact.
  const cap = (count: number): number => Math.min(count, threshold);
  // Counts of `group` minus the union of some antichain of its visible proper descendants.
  const remaining = (group: AnonymityGroup): Set<number> => {
    const cached = memo.get(group.id);
    if (cached !== undefined) return cached;
    const kids = children.get(group.id) ?? [];
    let sums = new Set([cap(group.n - kids.reduce((sum, kid) => sum + kid.n, 0))]);
    for (const kid of kids) {
      const options = new Set(remaining(kid));
      if (isVisible(kid.id)) options.add(0); // subtract the whole child
      const next = new Set<number>();
      for (const a of sums) for (const b of options) next.add(cap(a + b));
      sums = next;
    }
    memo.set(group.id, sums);
    return sums;
  };
  const found: Revelation[] = [];
  for (const group of groups) {
    if (!isVisible(group.id)) continue;
    for (const count of remaining(group)) {
      if (count > 0 && count < threshold) found.push({ ancestorId: group.id, count });
    }
  }
  return found;
}

/**
 * The same question answered by brute force: every subset of the visible proper descendants of
 * every visible group, skipping subsets where one group contains another. Only for small forests;
 * used to check {@link revealedSmallCounts} itself.
 */
export function revealedSmallCountsBruteForce(
  groups: readonly AnonymityGroup[],
  isVisible: (id: string) => boolean,
  threshold: number,
): Revelation[] {
  const parentOf = new Map(groups.map((g) => [g.id, g.parentId]));
  const isAncestor = (ancestorId: string, id: string): boolean => {
    for (let p = parentOf.get(id) ?? null; p !== null; p = parentOf.get(p) ?? null) if (p === ancestorId) return true;
    return false;
  };
  const found: Revelation[] = [];
  for (const top of groups) {
    if (!isVisible(top.id)) continue;
    const below = groups.filter((g) => isVisible(g.id) && isAncestor(top.id, g.id));
    if (below.length > 16) throw new Error('forest too large for brute force');
    for (let mask = 0; mask < 1 << below.length; mask++) {
      const chosen = below.filter((_, i) => (mask & (1 << i)) !== 0);
      const overlapping = chosen.some((a) => chosen.some((b) => a !== b && isAncestor(a.id, b.id)));
      if (overlapping) continue;
      const count = top.n - chosen.reduce((sum, g) => sum + g.n, 0);
      if (count > 0 && count < threshold) found.push({ ancestorId: top.id, count });
    }
  }
  return found;
}

/** Revelations as a sorted, duplicate-free list of "id:count", for comparing two checkers. */
export function revelationKeys(revelations: readonly Revelation[]): string[] {
  return [...new Set(revelations.map((r) => `${r.ancestorId}:${r.count}`))].sort();
}
