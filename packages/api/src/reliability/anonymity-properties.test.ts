/**
 * Anonymity over generated organisations. Each run makes an organizer with a generated threshold,
 * units, teams of generated sizes (some below the threshold), staff without a team, and generated
 * answers ("vet ej" and skipped indicators included), submitted through survey.submit. Then every
 * procedure that returns figures is called as the organizer level, and the answers are checked
 * against what was really submitted:
 * - no figure for a group with fewer than threshold answers (primary), anywhere in any response;
 * - no difference of shown figures reveals a hidden group: unit minus its shown teams, organizer
 *   minus its shown units, for scored answers and for answers including "vet ej" (secondary);
 * - an area is shown only when every answered indicator of it is shown (no subtraction by area);
 * - comments only for groups shown by respondents, and never so that unit minus teams is small;
 * - the consensus distribution only for an indicator with at least threshold answers;
 * - the same decision on every page (unit page, comparison, trend) for the same group and indicator;
 * - responses carry nothing that links them to a participation (no user id, no submission day).
 */
import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { DONT_KNOW } from '@kvalitetshjulet/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../router.ts';
import { callerAs, TEST_NOW } from '../testing.ts';

const RUNS = 5;

let t: TestDatabase;
let questionnaireId: string;
let indicators: { id: string; key: string; areaKey: string }[];
let areaKeys: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  const q = await t.db
    .selectFrom('questionnaires')
    .select('id')
    .where('organizer_id', 'is', null)
    .where('school_form', '=', 'grundskola')
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  questionnaireId = q.id;
  const rows = await t.db
    .selectFrom('indicators as i')
    .innerJoin('areas as a', 'a.id', 'i.area_id')
    .select(['i.id', 'i.key', 'a.key as areaKey'])
    .where('i.questionnaire_id', '=', q.id)
    .orderBy('a.position')
    .orderBy('i.position')
    .execute();
  // The first three areas get answers; the rest stay unanswered ("no data").
  areaKeys = [...new Set(rows.map((r) => r.areaKey))].slice(0, 3);
  indicators = rows.filter((r) => areaKeys.includes(r.areaKey));
});
afterAll(async () => t?.destroy());

type Answer = number | 'vet-ej' | null;
interface GenStaff {
  /** Answers per indicator in the current round. */
  answers: Answer[];
  /** Answers in the previous round, or null when the person did not take part then. */
  previous: Answer[] | null;
  comment: boolean;
  /** Submitted this many days before the test's "now" (the round is open all that time). */
  daysBefore: number;
}
interface GenUnit {
  teams: GenStaff[][];
  noTeam: GenStaff[];
}
interface GenOrganisation {
  threshold: number;
  units: GenUnit[];
}

const answerArb: fc.Arbitrary<Answer> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 7 },
  { arbitrary: fc.constant('vet-ej' as const), weight: 2 },
  { arbitrary: fc.constant(null), weight: 1 },
);

function organisationArb(indicatorCount: number): fc.Arbitrary<GenOrganisation> {
  const answers = fc.array(answerArb, { minLength: indicatorCount, maxLength: indicatorCount });
  const staff = fc.record({
    answers,
    previous: fc.option(answers, { freq: 3 }),
    comment: fc.boolean(),
    daysBefore: fc.integer({ min: 0, max: 6 }),
  });
  return fc.integer({ min: 3, max: 6 }).chain((threshold) =>
    fc.record({
      threshold: fc.constant(threshold),
      units: fc.array(
        fc.record({
          teams: fc.array(fc.array(staff, { maxLength: threshold + 3 }), { minLength: 1, maxLength: 3 }),
          noTeam: fc.array(staff, { maxLength: 2 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  );
}

/** The previous round: last spring, answered at a time when it was open. */
const PREVIOUS = { opensOn: '2026-04-01', closesOn: '2026-05-15', answeredAt: new Date('2026-04-20T10:00:00+02:00') };

let runNo = 0;

/** Writes the organisation and submits every staff member's answers through survey.submit, in both rounds. */
async function build(gen: GenOrganisation) {
  const run = ++runNo;
  const db = t.db;
  const { id: organizerId } = await db
    .insertInto('organizers')
    .values({
      key: `anon-${run}`,
      name: `Anonymitetsprov ${run}`,
      kind: 'kommun',
      anonymity_threshold: gen.threshold,
      staff_can_see_results: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const round = async (key: string, opensOn: string, closesOn: string) =>
    (
      await db
        .insertInto('rounds')
        .values({
          organizer_id: organizerId,
          key,
          name: `Provomgång ${key}`,
          questionnaire_id: questionnaireId,
          school_form: 'grundskola',
          opens_on: opensOn,
          closes_on: closesOn,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const previousRoundId = await round('previous', PREVIOUS.opensOn, PREVIOUS.closesOn);
  const roundId = await round('current', '2026-11-01', '2026-12-20');
  const boss = await db
    .insertInto('users')
    .values({ organizer_id: organizerId, key: 'boss', name: `Huvudman ${run}`, email: `boss${run}@prov.example` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('role_assignments').values({ organizer_id: organizerId, user_id: boss.id, role: 'organizer' }).execute();

  const units: { id: string; teams: { id: string; staff: GenStaff[] }[]; noTeam: GenStaff[] }[] = [];
  const submissions: { name: string; unitId: string; teamId: string | null; staff: GenStaff }[] = [];
  for (const [u, unit] of gen.units.entries()) {
    const { id: unitId } = await db
      .insertInto('school_units')
      .values({ organizer_id: organizerId, key: `u${u}`, name: `Enhet ${u + 1}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('school_unit_forms')
      .values({ organizer_id: organizerId, school_unit_id: unitId, school_form: 'grundskola' })
      .execute();
    for (const r of [previousRoundId, roundId]) {
      await db.insertInto('round_units').values({ organizer_id: organizerId, round_id: r, school_unit_id: unitId }).execute();
    }
    const teams: { id: string; staff: GenStaff[] }[] = [];
    for (const [k, members] of unit.teams.entries()) {
      const { id: teamId } = await db
        .insertInto('teams')
        .values({
          organizer_id: organizerId,
          school_unit_id: unitId,
          key: `u${u}t${k}`,
          name: `Arbetslag ${k + 1}`,
          school_form: 'grundskola',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      teams.push({ id: teamId, staff: members });
      for (const [i, staff] of members.entries()) submissions.push({ name: `Prov ${run}-${u}-${k}-${i}`, unitId, teamId, staff });
    }
    for (const [i, staff] of unit.noTeam.entries()) submissions.push({ name: `Prov ${run}-${u}-x-${i}`, unitId, teamId: null, staff });
    units.push({ id: unitId, teams, noTeam: unit.noTeam });
  }
  const submit = async (name: string, at: Date, rid: string, unitId: string, given: readonly Answer[], comment: string | null) => {
    const { ctx } = await callerAs(db, name);
    const caller = createCaller({ ...ctx, now: () => at });
    const answers: Record<string, number | typeof DONT_KNOW> = {};
    for (const [j, a] of given.entries()) {
      const indicator = indicators[j];
      if (a !== null && indicator) answers[indicator.key] = a === 'vet-ej' ? DONT_KNOW : a;
    }
    const comments: Record<string, string> = comment ? { [areaKeys[0] as string]: comment } : {};
    await caller.survey.submit({ roundId: rid, schoolUnitId: unitId, draftId: crypto.randomUUID(), answers, comments });
  };
  for (const [i, s] of submissions.entries()) {
    const { id: userId } = await db
      .insertInto('users')
      .values({ organizer_id: organizerId, key: `s${i}`, name: s.name, email: `s${run}x${i}@prov.example` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('role_assignments')
      .values({ organizer_id: organizerId, user_id: userId, role: 'staff', school_unit_id: s.unitId, team_id: s.teamId })
      .execute();
    if (s.staff.previous) await submit(s.name, PREVIOUS.answeredAt, previousRoundId, s.unitId, s.staff.previous, null);
    const at = new Date(TEST_NOW.getTime() - s.staff.daysBefore * 24 * 60 * 60 * 1000);
    await submit(s.name, at, roundId, s.unitId, s.staff.answers, s.staff.comment ? `Kommentar ${i}` : null);
  }
  return { organizerId, roundId, previousRoundId, units, boss: `Huvudman ${run}` };
}

type Pick = (s: GenStaff) => readonly Answer[] | null;
const current: Pick = (s) => s.answers;
const previous: Pick = (s) => s.previous;

/** True counts of a set of staff for indicator j in a round: scored answers and scored + "vet ej". */
function counts(staff: readonly GenStaff[], j: number, pick: Pick): { n: number; all: number } {
  let n = 0;
  let all = 0;
  for (const s of staff) {
    const a = pick(s)?.[j];
    if (typeof a === 'number') n++;
    if (a !== null && a !== undefined) all++;
  }
  return { n, all };
}
/** People who submitted something in the current round (comments are only given there). */
const respondents = (staff: readonly GenStaff[]) => staff.filter((s) => s.answers.some((a) => a !== null) || s.comment).length;

const safe = (part: number, threshold: number) => part === 0 || part >= threshold;

/** Every count-like figure anywhere in a response: nothing between 1 and threshold − 1. */
function smallFigures(value: unknown, threshold: number, path = ''): string[] {
  if (Array.isArray(value)) {
    if (path.endsWith('.n')) {
      return value.flatMap((v, i) => (typeof v === 'number' && v > 0 && v < threshold ? [`${path}[${i}]=${v}`] : []));
    }
    return value.flatMap((v, i) => smallFigures(v, threshold, `${path}.${i}`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      if (['n', 'answers', 'effectiveN', 'respondents'].includes(k) && typeof v === 'number' && v > 0 && v < threshold) {
        return [`${path}.${k}=${v}`];
      }
      return smallFigures(v, threshold, `${path}.${k}`);
    });
  }
  return [];
}

type Figures = { suppressed: boolean; value: { n: number; dontKnow: number } | null };
type Org = Awaited<ReturnType<typeof build>>;
type Caller = Awaited<ReturnType<typeof callerAs>>['caller'];
const everyoneIn = (u: Org['units'][number]) => [...u.teams.flatMap((x) => x.staff), ...u.noTeam];

/**
 * One round's unit pages and comparison against the truth. Returns the decision per
 * unit/team and indicator ('group|key' → shown), for the checks across pages and rounds.
 */
async function checkRound(caller: Caller, org: Org, roundId: string, pick: Pick, th: number, problems: string[]) {
  const shown = new Map<string, boolean>();
  const compare = await caller.results.compare({ roundId });
  problems.push(...smallFigures(compare, th, 'compare'));
  for (const unit of org.units) {
    const all = everyoneIn(unit);
    const page = await caller.results.unit({ roundId, schoolUnitId: unit.id });
    problems.push(...smallFigures(page, th, `unit ${unit.id}`));
    for (const [j, indicator] of indicators.entries()) {
      const u = page.unit.indicators.find((i) => i.key === indicator.key)?.figures as Figures | undefined;
      const truth = counts(all, j, pick);
      shown.set(`${unit.id}|${indicator.key}`, u?.suppressed === false);
      for (const team of unit.teams) {
        const f = page.teams.find((x) => x.id === team.id)?.indicators.find((i) => i.key === indicator.key)?.figures as Figures | undefined;
        shown.set(`${team.id}|${indicator.key}`, f?.suppressed === false);
      }
      if (u && !u.suppressed) {
        if (u.value?.n !== truth.n) problems.push(`unit n ${u.value?.n} ≠ submitted ${truth.n}`);
        let restN = truth.n;
        let restAll = truth.all;
        for (const team of unit.teams) {
          if (!shown.get(`${team.id}|${indicator.key}`)) continue;
          const f = page.teams.find((x) => x.id === team.id)?.indicators.find((i) => i.key === indicator.key)?.figures as Figures;
          const c = counts(team.staff, j, pick);
          if (f.value?.n !== c.n) problems.push(`team n ${f.value?.n} ≠ submitted ${c.n}`);
          restN -= c.n;
          restAll -= c.all;
        }
        if (!safe(restN, th) || !safe(restAll, th))
          problems.push(`unit ${indicator.key}: unit minus shown teams leaves ${restN} (${restAll} with vet ej)`);
      } else if (unit.teams.some((team) => shown.get(`${team.id}|${indicator.key}`))) {
        problems.push(`a team is shown under a hidden unit for ${indicator.key}`);
      }
    }
    // Areas: shown only when every answered indicator of the area is shown, for the unit and each team.
    for (const group of [page.unit, ...page.teams]) {
      for (const area of group.areas) {
        if (area.figures.suppressed) continue;
        const hidden = group.indicators.filter((i) => i.areaKey === area.key && i.figures.suppressed && i.figures.reason !== 'no-data');
        if (hidden.length > 0) problems.push(`area ${area.key} shown beside hidden indicator ${hidden[0]?.key}`);
      }
    }
    // Changes since the previous round: only where the group is shown in both rounds (checked by the caller with both maps).
    for (const group of [page.unit, ...page.teams]) {
      for (const i of group.indicators) {
        if (i.change && !i.change.suppressed) shown.set(`change|${group.id}|${i.key}`, true);
      }
    }
    if (pick !== current) continue;
    // Comments (current round): by respondents, primary and unit minus teams with shown comments.
    for (const area of page.comments) {
      if (!area.unit.suppressed) {
        let rest = respondents(all);
        if (rest < th) problems.push(`unit comments shown for ${rest} respondents`);
        for (const team of area.teams) {
          if (team.comments.suppressed) continue;
          const r = respondents(unit.teams.find((x) => x.id === team.teamId)?.staff ?? []);
          if (r < th) problems.push(`team comments shown for ${r} respondents`);
          rest -= r;
        }
        if (!safe(rest, th)) problems.push(`unit comments minus team comments describe ${rest} respondents`);
      } else if (area.teams.some((x) => !x.comments.suppressed)) {
        problems.push('team comments shown under hidden unit comments');
      }
    }
  }
  // The comparison: the same decisions as the unit pages, and organizer minus shown units is safe.
  const everyone = org.units.flatMap(everyoneIn);
  for (const [j, indicator] of indicators.entries()) {
    const col = compare.indicators.findIndex((i) => i.key === indicator.key);
    const truth = counts(everyone, j, pick);
    const organizerShown = compare.organizer.suppressed[col] === null;
    let restN = truth.n;
    let restAll = truth.all;
    for (const [ui, unit] of compare.units.entries()) {
      const cellShown = compare.cells.suppressed[ui * compare.indicators.length + col] === null;
      if (cellShown !== (shown.get(`${unit.id}|${indicator.key}`) ?? false))
        problems.push(`compare and unit page disagree for ${indicator.key}`);
      const g = org.units.find((u) => u.id === unit.id);
      if (cellShown && g) {
        const c = counts(everyoneIn(g), j, pick);
        restN -= c.n;
        restAll -= c.all;
      }
    }
    if (organizerShown && (!safe(restN, th) || !safe(restAll, th))) {
      problems.push(`organizer minus shown units leaves ${restN} (${restAll}) for ${indicator.key}`);
    }
  }
  return shown;
}

describe('anonymity over generated organisations', () => {
  it('never shows a small group, directly or by subtraction, in any figure-returning procedure', async () => {
    const seen = { shown: 0, hidden: 0, changes: 0 };
    await fc.assert(
      fc.asyncProperty(organisationArb(indicators.length), async (gen) => {
        const org = await build(gen);
        const th = gen.threshold;
        const { caller } = await callerAs(t.db, org.boss);
        const problems: string[] = [];

        const before = await checkRound(caller, org, org.previousRoundId, previous, th, problems);
        const now = await checkRound(caller, org, org.roundId, current, th, problems);
        for (const [key, v] of now) {
          if (key.startsWith('change|')) seen.changes++;
          else if (v) seen.shown++;
          else seen.hidden++;
        }

        // Changes only where the group is shown in both rounds.
        for (const key of now.keys()) {
          if (!key.startsWith('change|')) continue;
          const group = key.slice('change|'.length);
          if (!now.get(group) || !before.get(group)) problems.push(`a change is shown for ${group} though it is hidden in a round`);
        }

        for (const unit of org.units) {
          // Trend points: each round decided as on that round's unit page.
          const trend = await caller.results.trend({ schoolForm: 'grundskola', schoolUnitId: unit.id });
          problems.push(...smallFigures(trend, th, `unit trend ${unit.id}`));
          for (const i of trend.indicators) {
            for (const [rid, decided] of [
              [org.previousRoundId, before],
              [org.roundId, now],
            ] as const) {
              const point = i.points.find((p) => p.roundId === rid);
              if (point && !point.figures.suppressed !== (decided.get(`${unit.id}|${i.key}`) ?? false)) {
                problems.push(`trend and unit page disagree for ${i.key}`);
              }
            }
          }
          problems.push(...smallFigures(await caller.results.findings({ roundId: org.roundId, schoolUnitId: unit.id }), th, 'findings'));
          for (const team of unit.teams) {
            problems.push(...smallFigures(await caller.results.team({ roundId: org.roundId, teamId: team.id }), th, `team ${team.id}`));
            problems.push(
              ...smallFigures(await caller.results.trend({ schoolForm: 'grundskola', teamId: team.id }), th, `team trend ${team.id}`),
            );
            const consensus = await caller.consensus.view({ roundId: org.roundId, teamId: team.id });
            for (const area of consensus.areas) {
              for (const i of area.indicators) {
                if (!i.distribution) continue;
                const scored = i.distribution.counts.reduce((a, b) => a + b, 0);
                if (!safe(scored, th) || !safe(scored + i.distribution.dontKnow, th)) {
                  problems.push(
                    `consensus distribution of ${i.key} shown for ${scored} answers (${scored + i.distribution.dontKnow} with vet ej)`,
                  );
                }
                if (!now.get(`${team.id}|${i.key}`))
                  problems.push(`consensus distribution of ${i.key} shown for a team hidden on the results pages`);
              }
            }
          }
        }
        problems.push(...smallFigures(await caller.results.organizer({ schoolForm: 'grundskola', roundId: org.roundId }), th, 'organizer'));
        problems.push(...smallFigures(await caller.results.trend({ schoolForm: 'grundskola' }), th, 'organizer trend'));
        problems.push(
          ...smallFigures(await caller.organizerOverview.overview({ schoolForm: 'grundskola', roundId: org.roundId }), th, 'overview'),
        );

        // Responses carry no user and no day that a participation could be matched on.
        const stored = await t.db.selectFrom('responses').selectAll().where('organizer_id', '=', org.organizerId).execute();
        if (stored.some((r) => 'user_id' in r)) problems.push('a response has a user id');
        for (const rid of [org.previousRoundId, org.roundId]) {
          const days = new Set(stored.filter((r) => r.round_id === rid).map((r) => String(r.submitted_on)));
          if (days.size > 1) problems.push(`responses of one round carry ${days.size} different days`);
        }
        // The participations keep the real days (so the check above is not vacuous).
        const participations = await t.db
          .selectFrom('participations')
          .select('submitted_on')
          .where('organizer_id', '=', org.organizerId)
          .where('round_id', '=', org.roundId)
          .execute();
        const submittedDays = new Set(org.units.flatMap(everyoneIn).map((s) => s.daysBefore));
        expect(new Set(participations.map((p) => String(p.submitted_on))).size).toBe(submittedDays.size);

        expect(problems.slice(0, 10)).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    // Not vacuous: the generated organisations had shown and hidden groups, and shown changes.
    expect(seen.shown).toBeGreaterThan(0);
    expect(seen.hidden).toBeGreaterThan(0);
    expect(seen.changes).toBeGreaterThan(0);
  });
});
