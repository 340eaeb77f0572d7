/**
 * Which groups' figures may be shown, per round and indicator: the anonymity rules of
 * docs/anonymity.md applied to organizer → units → teams, in two stages so that a page about one
 * unit does not have to read every team of the organizer. Pure functions; the decisions come from
 * the domain's suppressGroups. See docs/results-engine.md, "Anonymity".
 *
 * Two measures are protected at once: n (scored answers: the base of every mean, share and
 * distribution) and a = n + vet ej (everyone who answered the indicator: the base of the "vet ej"
 * count). A group is shown only when it is shown under both. Hiding more groups than one safe
 * decision requires keeps it safe (every hidden part only grows by parts that were 0 or at least
 * the threshold), so the combination is safe for both measures.
 *
 * Stage 1, organizer → units: the decision for every unit, as suppressGroups would make it on the
 * organizer and all its units. It only depends on the units below the threshold and on the
 * smallest unit at or above it, so the database returns just those (the "context") and the forest
 * here is reduced to them plus one group for all the other units; the result is the same (tested).
 *
 * Stage 2, unit → teams: within a shown unit, suppressGroups on the unit and its teams. The teams
 * of a hidden unit are all hidden ('parent-hidden', or their own primary reason): the organizer
 * stage counted the hidden unit whole, so none of its parts may be shown.
 */
import {
  type AnonymityGroup,
  type GroupSuppressionReason,
  type GroupVisibility,
  suppressGroups,
  type Visibility,
} from '@kvalitetshjulet/domain';

export const SHOWN: Visibility = { visible: true, reason: null };

/** Answer counts of one group for one indicator: n scored, dontKnow "vet ej". */
export interface GroupCounts {
  n: number;
  dontKnow: number;
}

type Measure = (c: GroupCounts) => number;
const MEASURES: readonly Measure[] = [(c) => c.n, (c) => c.n + c.dontKnow];

/** Id of the group standing for "every other unit at or above the threshold"; sorts after every uuid. */
const REST_ID = '~rest';

/** The primary decision for a group with `m` answers. */
function primary(m: number, threshold: number): GroupVisibility {
  if (m === 0) return { visible: false, reason: 'no-data' };
  if (m < threshold) return { visible: false, reason: 'below-threshold' };
  return { visible: true, reason: null };
}

/**
 * Hidden under either measure → hidden. A reason other than 'no-data' wins: a group with only
 * "vet ej" answers has no scored answers but is not empty, and is hidden as a small group.
 */
function combine(decisions: readonly GroupVisibility[]): Visibility {
  let hidden: Visibility | null = null;
  for (const d of decisions) {
    if (d.visible) continue;
    if (d.reason !== 'no-data') return d;
    hidden ??= d;
  }
  return hidden ?? SHOWN;
}

/** The organizer's own figures: a root, so only the primary rule applies. */
export function organizerVisibility(organizer: GroupCounts, threshold: number): Visibility {
  return combine(MEASURES.map((m) => primary(m(organizer), threshold)));
}

/** One unit in the anonymity context of a round and indicator. */
export interface ContextUnit extends GroupCounts {
  schoolUnitId: string;
}

/**
 * The units the stage-1 decision depends on, from the complete list of a round's units for one
 * indicator (what the database's context query returns): every unit below the threshold under
 * either measure, and, for a measure under which those small units add up to between 1 and
 * threshold − 1, the smallest unit at or above the threshold (ties by id). Only then does the
 * organizer's forest hide a unit to protect the small ones.
 */
export function contextOf(units: readonly ContextUnit[], threshold: number): ContextUnit[] {
  const keep = new Set<ContextUnit>();
  for (const measure of MEASURES) {
    let smallest: ContextUnit | null = null;
    let smallSum = 0;
    for (const u of units) {
      const m = measure(u);
      if (m < threshold) {
        keep.add(u);
        smallSum += m;
      } else if (smallest === null || m < measure(smallest) || (m === measure(smallest) && u.schoolUnitId < smallest.schoolUnitId)) {
        smallest = u;
      }
    }
    if (smallest && smallSum > 0 && smallSum < threshold) keep.add(smallest);
  }
  return units.filter((u) => keep.has(u));
}

/**
 * Stage 1 for one round and indicator. `organizer` are the organizer's counts (every response
 * belongs to a unit, so they are the sums over all units); `context` the units from contextOf (more
 * units do no harm). Returns the decision for any unit: units not in the context are at or above the
 * threshold and never chosen to protect another, so they are shown (or 'no-data' without answers).
 */
export function unitVisibilities(
  organizer: GroupCounts,
  context: readonly ContextUnit[],
  threshold: number,
): (schoolUnitId: string, counts: GroupCounts) => Visibility {
  // No unit below the threshold (the usual case): nothing is hidden but empty units, and the
  // organizer's forest has nothing to protect.
  if (context.every((u) => u.n >= threshold)) {
    return (_schoolUnitId, counts) => combine(MEASURES.map((m) => primary(m(counts), threshold)));
  }
  const decisions = new Map<string, GroupVisibility[]>();
  for (const measure of MEASURES) {
    const total = measure(organizer);
    const small = context.filter((u) => measure(u) > 0 && measure(u) < threshold);
    let smallest: ContextUnit | null = null;
    for (const u of context) {
      const m = measure(u);
      if (m < threshold) continue;
      if (smallest === null || m < measure(smallest) || (m === measure(smallest) && u.schoolUnitId < smallest.schoolUnitId)) smallest = u;
    }
    const groups: AnonymityGroup[] = [{ id: 'organizer', parentId: null, n: total }];
    for (const u of small) groups.push({ id: u.schoolUnitId, parentId: 'organizer', n: measure(u) });
    let rest = total - small.reduce((s, u) => s + measure(u), 0);
    if (smallest) {
      groups.push({ id: smallest.schoolUnitId, parentId: 'organizer', n: measure(smallest) });
      rest -= measure(smallest);
    }
    if (rest < 0) throw new Error('Totalerna för huvudmannen är mindre än summan av enheterna');
    // Every other unit is at or above the threshold and at least as large as `smallest`: as one
    // group they are never preferred over it, and never below the threshold.
    if (rest > 0) groups.push({ id: REST_ID, parentId: 'organizer', n: rest });
    const result = suppressGroups(groups, threshold);
    for (const u of context) {
      const d = result.get(u.schoolUnitId) ?? primary(measure(u), threshold);
      decisions.set(u.schoolUnitId, [...(decisions.get(u.schoolUnitId) ?? []), d]);
    }
  }
  return (schoolUnitId, counts) => {
    const known = decisions.get(schoolUnitId);
    if (known) return combine(known);
    return combine(MEASURES.map((m) => primary(m(counts), threshold)));
  };
}

/** One team of a unit for one indicator. */
export interface TeamCounts extends GroupCounts {
  teamId: string;
}

/**
 * Stage 2 for one unit, round and indicator: the teams' decisions, given the unit's own decision
 * from stage 1. Staff without a team are the unit's implicit remainder and are protected as one.
 */
export function teamVisibilities(
  unit: GroupCounts,
  unitVisibility: Visibility,
  teams: readonly TeamCounts[],
  threshold: number,
): Map<string, Visibility> {
  const result = new Map<string, Visibility>();
  if (!unitVisibility.visible) {
    for (const t of teams) {
      const own = combine(MEASURES.map((m) => primary(m(t), threshold)));
      result.set(t.teamId, own.visible ? { visible: false, reason: 'parent-hidden' } : own);
    }
    return result;
  }
  // Every team shown on its own and the staff without a team 0 or at least the threshold under
  // both measures: nothing to protect, so nothing more is hidden.
  const safe = MEASURES.every((measure) => {
    const rest = measure(unit) - teams.reduce((sum, t) => sum + measure(t), 0);
    return (rest === 0 || rest >= threshold) && teams.every((t) => measure(t) === 0 || measure(t) >= threshold);
  });
  if (safe) {
    for (const t of teams) result.set(t.teamId, combine(MEASURES.map((m) => primary(m(t), threshold))));
    return result;
  }
  const perMeasure = MEASURES.map((measure) =>
    suppressGroups(
      [
        { id: 'unit', parentId: null, n: measure(unit) },
        ...teams.map((t) => ({ id: `team:${t.teamId}`, parentId: 'unit', n: measure(t) })),
      ],
      threshold,
    ),
  );
  for (const t of teams) {
    result.set(
      t.teamId,
      combine(perMeasure.map((r) => r.get(`team:${t.teamId}`) ?? { visible: false, reason: 'no-data' as GroupSuppressionReason })),
    );
  }
  return result;
}

/**
 * Decisions for groups whose counts are whole respondents rather than answers to one indicator:
 * the comments of a unit and its teams. The unit is a root here (no organizer-level comments are
 * published), and the teams are decided within it.
 */
export function respondentVisibilities(
  unitResponses: number,
  teams: readonly { teamId: string; responses: number }[],
  threshold: number,
): { unit: Visibility; teams: Map<string, Visibility> } {
  const unit = primary(unitResponses, threshold);
  const counts = teams.map((t) => ({ teamId: t.teamId, n: t.responses, dontKnow: 0 }));
  return { unit, teams: teamVisibilities({ n: unitResponses, dontKnow: 0 }, unit, counts, threshold) };
}
