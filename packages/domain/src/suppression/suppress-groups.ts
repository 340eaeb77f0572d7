import type { GroupSuppressionReason } from './suppressed-value.ts';
import { assertValidAnonymityThreshold } from './threshold.ts';

/**
 * One group whose figures may be published: an organizer, a unit, a team, or any other
 * aggregate. Groups form a forest: the children of a group are disjoint parts of it, and
 * whoever is in the parent but in none of its children (for example staff without a team)
 * is the parent's implicit remainder, `n − Σ children.n`.
 */
export interface AnonymityGroup {
  readonly id: string;
  readonly parentId: string | null;
  /** Respondents in the group, or answers to the one indicator being published. */
  readonly n: number;
}

/** The decision for one group. */
export type GroupVisibility = { visible: true; reason: null } | { visible: false; reason: GroupSuppressionReason };

interface ForestNode {
  readonly id: string;
  readonly n: number;
  readonly parent: ForestNode | null;
  /** Sorted by id, so the result never depends on the input order. */
  readonly children: ForestNode[];
  depth: number;
}

/**
 * Decides which groups may be shown so that no published figure, alone or by subtraction,
 * describes a positive number of people below the threshold. See docs/anonymity.md.
 *
 * - n = 0: hidden, 'no-data' (there is nothing to show, and it never affects other groups).
 * - 0 < n < threshold: hidden, 'below-threshold'.
 * - Then, top-down (by depth, then id), for every visible group A: the part of A that no visible
 *   group describes (A.n minus its "visible frontier", the visible descendants reached through
 *   hidden groups only) must be 0 or at least the threshold. If not, the shortest chain of
 *   visible descendants whose hiding fixes it is hidden (fewest groups, then smallest n, then
 *   id): 'secondary' when the hidden group's parent is visible, 'parent-hidden' when it is not.
 *
 * Throws on invalid input (bad threshold, duplicate or unknown ids, cycles, n that is not a
 * non-negative integer, children that add up to more than their parent): an error is safer
 * than a guess.
 *
 * @returns the decision per group id, in input order.
 */
export function suppressGroups(groups: readonly AnonymityGroup[], threshold: number): ReadonlyMap<string, GroupVisibility> {
  assertValidAnonymityThreshold(threshold);
  const nodes = buildForest(groups);

  const hidden = new Map<string, GroupSuppressionReason>();
  const isVisible = (node: ForestNode): boolean => !hidden.has(node.id);

  // Primary suppression.
  for (const node of nodes.values()) {
    if (node.n === 0) hidden.set(node.id, 'no-data');
    else if (node.n < threshold) hidden.set(node.id, 'below-threshold');
  }

  /** The visible descendants of `node` that have no visible group between them and `node`. */
  const visibleFrontier = (node: ForestNode): ForestNode[] => {
    const frontier: ForestNode[] = [];
    const walk = (parent: ForestNode): void => {
      for (const child of parent.children) {
        if (isVisible(child)) frontier.push(child);
        else walk(child);
      }
    };
    walk(node);
    return frontier;
  };

  /** What `node` contains beyond its visible frontier: the part only `node`'s own figures describe. */
  const undescribedPart = (node: ForestNode): number => node.n - visibleFrontier(node).reduce((sum, member) => sum + member.n, 0);

  const isUnsafe = (count: number): boolean => count > 0 && count < threshold;

  // Secondary suppression, top-down. Fixing a group only hides groups below it that have no
  // visible group between, so it never changes what an ancestor or a sibling's subtree
  // reveals; one pass in this order is therefore enough (see docs/anonymity.md).
  const topDown = [...nodes.values()].sort((a, b) => a.depth - b.depth || compareIds(a.id, b.id));
  for (const node of topDown) {
    if (!isVisible(node)) continue;
    const part = undescribedPart(node);
    if (!isUnsafe(part)) continue;

    const chain = cheapestResolvingChain(node, part, threshold, isVisible, undescribedPart);
    if (chain === null) {
      // Unreachable: the chain down to a visible group with no visible descendants always
      // resolves, because that group's whole n (≥ threshold) joins the part. Fail closed.
      throw new Error(`Internal error: no way to protect the hidden part of group "${node.id}"`);
    }
    for (const member of chain) hidden.set(member.id, 'secondary');
    for (const member of chain) {
      if (member.parent !== null && !isVisible(member.parent)) hidden.set(member.id, 'parent-hidden');
    }
    if (isUnsafe(undescribedPart(node))) {
      throw new Error(`Internal error: group "${node.id}" still reveals a small hidden part`);
    }
  }

  const result = new Map<string, GroupVisibility>();
  for (const group of groups) {
    const reason = hidden.get(group.id);
    result.set(group.id, reason === undefined ? { visible: true, reason: null } : { visible: false, reason });
  }
  return result;
}

/**
 * Hiding the visible groups on the tree path from `root` down to some visible descendant `end`
 * (each one in the previous one's visible frontier) adds each of their undescribed parts to
 * `root`'s. Returns the shortest such chain that makes `root`'s part 0 or ≥ threshold; ties go
 * to the smaller n, then the smaller id, compared group by group from the top.
 */
function cheapestResolvingChain(
  root: ForestNode,
  rootPart: number,
  threshold: number,
  isVisible: (node: ForestNode) => boolean,
  undescribedPart: (node: ForestNode) => number,
): ForestNode[] | null {
  let best: ForestNode[] | null = null;
  const walk = (parent: ForestNode, chain: ForestNode[], gained: number): void => {
    for (const child of parent.children) {
      if (!isVisible(child)) {
        walk(child, chain, gained);
        continue;
      }
      const nextChain = [...chain, child];
      const nextGained = gained + undescribedPart(child);
      if (rootPart + nextGained >= threshold) {
        if (best === null || compareChains(nextChain, best) < 0) best = nextChain;
        // A longer chain through `child` can never beat this one.
        continue;
      }
      if (best === null || nextChain.length < best.length) walk(child, nextChain, nextGained);
    }
  };
  walk(root, [], 0);
  return best;
}

function compareChains(a: readonly ForestNode[], b: readonly ForestNode[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) break;
    const order = x.n - y.n || compareIds(x.id, y.id);
    if (order !== 0) return order;
  }
  return 0;
}

/** Code-unit order: the same on every machine and locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function buildForest(groups: readonly AnonymityGroup[]): Map<string, ForestNode> {
  const byId = new Map<string, AnonymityGroup>();
  for (const group of groups) {
    if (byId.has(group.id)) throw new Error(`Duplicate group id "${group.id}"`);
    if (!Number.isSafeInteger(group.n) || group.n < 0) {
      throw new RangeError(`Group "${group.id}" has n = ${String(group.n)}; n must be a non-negative integer`);
    }
    byId.set(group.id, group);
  }

  const nodes = new Map<string, ForestNode>();
  const nodeFor = (group: AnonymityGroup, path: Set<string>): ForestNode => {
    const existing = nodes.get(group.id);
    if (existing !== undefined) return existing;
    if (path.has(group.id)) throw new Error(`Groups form a cycle through "${group.id}"`);
    let parent: ForestNode | null = null;
    if (group.parentId !== null) {
      const parentGroup = byId.get(group.parentId);
      if (parentGroup === undefined) {
        throw new Error(`Group "${group.id}" has parent "${group.parentId}", which is not in the list`);
      }
      path.add(group.id);
      parent = nodeFor(parentGroup, path);
      path.delete(group.id);
    }
    const node: ForestNode = { id: group.id, n: group.n, parent, children: [], depth: parent === null ? 0 : parent.depth + 1 };
    parent?.children.push(node);
    nodes.set(group.id, node);
    return node;
  };
  const path = new Set<string>();
  for (const group of groups) nodeFor(group, path);

  for (const node of nodes.values()) {
    node.children.sort((a, b) => compareIds(a.id, b.id));
    const childSum = node.children.reduce((sum, child) => sum + child.n, 0);
    if (childSum > node.n) {
      throw new RangeError(`The children of group "${node.id}" have ${childSum} in all, more than its n = ${node.n}`);
    }
  }
  return nodes;
}
