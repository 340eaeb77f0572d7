/**
 * The read side of the results engine: rounds, units and teams to show, comments, and the totals
 * per indicator. Two readers return the same totals:
 *
 * - readIndicatorTotals: the kept totals (folded levels plus the pending rows, in one statement).
 *   Cost: rows read ∝ the groups × indicators asked for, independent of the number of answers.
 * - readIndicatorTotalsFromAnswers: the same figures by GROUP BY over the raw answers. Used by
 *   the consistency tests and as the "naive" baseline in the benchmarks.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../create-database.ts';
import type { IsoDate } from '../schema.ts';
import { FIGURE_COLUMNS, figuresOfAnswers, MAX_SCALE_STEPS } from './indicator-totals.ts';

// ---------------------------------------------------------------------------------------------
// Rounds, units, teams

export interface ResultsRound {
  id: string;
  name: string;
  schoolForm: string;
  questionnaireId: string;
  opensOn: IsoDate;
  closesOn: IsoDate;
  closedEarlyOn: IsoDate | null;
}

const roundColumns = ['r.id', 'r.name', 'r.school_form', 'r.questionnaire_id', 'r.opens_on', 'r.closes_on', 'r.closed_early_on'] as const;

function toRound(r: {
  id: string;
  name: string;
  school_form: string;
  questionnaire_id: string;
  opens_on: string;
  closes_on: string;
  closed_early_on: string | null;
}): ResultsRound {
  return {
    id: r.id,
    name: r.name,
    schoolForm: r.school_form,
    questionnaireId: r.questionnaire_id,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    closedEarlyOn: r.closed_early_on,
  };
}

/** One round of the organizer, or null. */
export async function getResultsRound(db: Db, organizerId: string, roundId: string): Promise<ResultsRound | null> {
  const row = await db
    .selectFrom('rounds as r')
    .select(roundColumns)
    .where('r.organizer_id', '=', organizerId)
    .where('r.id', '=', roundId)
    .executeTakeFirst();
  return row ? toRound(row) : null;
}

/**
 * The organizer's rounds of a school form, oldest first; with a unit, only the rounds the unit
 * took part in.
 */
export async function listResultsRounds(db: Db, organizerId: string, schoolForm: string, schoolUnitId?: string): Promise<ResultsRound[]> {
  let query = db
    .selectFrom('rounds as r')
    .select(roundColumns)
    .where('r.organizer_id', '=', organizerId)
    .where('r.school_form', '=', schoolForm);
  if (schoolUnitId) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('round_units as ru')
          .select('ru.round_id')
          .where('ru.organizer_id', '=', organizerId)
          .whereRef('ru.round_id', '=', 'r.id')
          .where('ru.school_unit_id', '=', schoolUnitId),
      ),
    );
  }
  const rows = await query.orderBy('r.opens_on').orderBy('r.id').execute();
  return rows.map(toRound);
}

export interface ResultsNamedGroup {
  id: string;
  name: string;
}

/** A unit of the organizer (active or not), or null. */
export async function getResultsUnit(db: Db, organizerId: string, schoolUnitId: string): Promise<ResultsNamedGroup | null> {
  const row = await db
    .selectFrom('school_units')
    .select(['id', 'name'])
    .where('organizer_id', '=', organizerId)
    .where('id', '=', schoolUnitId)
    .executeTakeFirst();
  return row ?? null;
}

/** A team of the organizer with its unit and school form, or null. */
export async function getResultsTeam(
  db: Db,
  organizerId: string,
  teamId: string,
): Promise<{ id: string; name: string; schoolUnitId: string; schoolForm: string } | null> {
  const row = await db
    .selectFrom('teams')
    .select(['id', 'name', 'school_unit_id', 'school_form'])
    .where('organizer_id', '=', organizerId)
    .where('id', '=', teamId)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, schoolUnitId: row.school_unit_id, schoolForm: row.school_form } : null;
}

/** The units taking part in a round, by name. */
export async function listResultsRoundUnits(db: Db, organizerId: string, roundId: string): Promise<ResultsNamedGroup[]> {
  return db
    .selectFrom('round_units as ru')
    .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'ru.organizer_id').onRef('su.id', '=', 'ru.school_unit_id'))
    .select(['su.id', 'su.name'])
    .where('ru.organizer_id', '=', organizerId)
    .where('ru.round_id', '=', roundId)
    .orderBy('su.name')
    .orderBy('su.id')
    .execute();
}

/** What a unit's results page needs to know before reading totals, in one statement. */
export interface UnitPageFacts {
  organizer: { id: string; name: string; kind: 'kommun' | 'enskild'; anonymityThreshold: number; staffCanSeeResults: boolean };
  unit: ResultsNamedGroup | null;
  round: ResultsRound | null;
  unitInRound: boolean;
  /** The latest earlier round of the same school form that the unit took part in. */
  previous: ResultsRound | null;
  /** All teams of the unit (inactive ones too), by name. */
  teams: (ResultsNamedGroup & { schoolForm: string })[];
}

const roundJson = (alias: string) =>
  sql.raw(
    `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'schoolForm', ${alias}.school_form, 'questionnaireId', ${alias}.questionnaire_id, ` +
      `'opensOn', ${alias}.opens_on, 'closesOn', ${alias}.closes_on, 'closedEarlyOn', ${alias}.closed_early_on)`,
  );

export async function getUnitPageFacts(db: Db, organizerId: string, roundId: string, schoolUnitId: string): Promise<UnitPageFacts> {
  const org = sql`${organizerId}::uuid`;
  const round = sql`${roundId}::uuid`;
  const unit = sql`${schoolUnitId}::uuid`;
  const result = await sql<UnitPageFacts>`
    select
      (select json_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'anonymityThreshold', o.anonymity_threshold,
          'staffCanSeeResults', o.staff_can_see_results)
        from organizers as o where o.id = ${org}) as organizer,
      (select json_build_object('id', su.id, 'name', su.name) from school_units as su where su.organizer_id = ${org} and su.id = ${unit}) as unit,
      (select ${roundJson('r')} from rounds as r where r.organizer_id = ${org} and r.id = ${round}) as round,
      exists (
        select 1 from round_units as ru where ru.organizer_id = ${org} and ru.round_id = ${round} and ru.school_unit_id = ${unit}
      ) as "unitInRound",
      (select ${roundJson('p')}
        from rounds as p
        join rounds as cur on cur.organizer_id = p.organizer_id and cur.id = ${round}
        where p.organizer_id = ${org} and p.school_form = cur.school_form and p.opens_on < cur.opens_on and p.id <> cur.id
          and exists (
            select 1 from round_units as pu where pu.organizer_id = ${org} and pu.round_id = p.id and pu.school_unit_id = ${unit})
        order by p.opens_on desc, p.id desc limit 1) as previous,
      (select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'schoolForm', t.school_form) order by t.name, t.id), '[]')
        from teams as t where t.organizer_id = ${org} and t.school_unit_id = ${unit}) as teams`.execute(db);
  const row = result.rows[0];
  if (!row?.organizer) throw new Error('Huvudmannen finns inte.');
  return row;
}

/** What else a unit's results page shows: response rate, responses per team (for comments) and the comments. */
export interface UnitPageExtras {
  /** People who have submitted (participations), never names. */
  submitted: number;
  /** Staff of the unit working in the round's school form. */
  eligible: number;
  /** Responses per team, null = staff without a team: the respondents behind comments. */
  responsesByTeam: { teamId: string | null; responses: number }[];
  /** Free-text comments per area and team. Read from the raw rows: one unit is small. */
  comments: { areaId: string; teamId: string | null; body: string }[];
}

export async function getUnitPageExtras(
  db: Db,
  organizerId: string,
  roundId: string,
  schoolUnitId: string,
  schoolForm: string,
): Promise<UnitPageExtras> {
  const org = sql`${organizerId}::uuid`;
  const round = sql`${roundId}::uuid`;
  const unit = sql`${schoolUnitId}::uuid`;
  const result = await sql<{
    submitted: number;
    eligible: number;
    responses: [string | null, number][];
    comments: [string, string | null, string][];
  }>`
    select
      (select count(*) from participations as p where p.organizer_id = ${org} and p.round_id = ${round} and p.school_unit_id = ${unit})::int
        as submitted,
      (select count(distinct ra.user_id)
        from role_assignments as ra
        join teams as t on t.organizer_id = ra.organizer_id and t.id = ra.team_id
        where ra.organizer_id = ${org} and ra.school_unit_id = ${unit} and ra.role = 'staff' and t.school_form = ${schoolForm})::int as eligible,
      (select coalesce(json_agg(json_build_array(x.team_id, x.n)), '[]')
        from (
          select r.team_id, count(*) as n from responses as r
          where r.organizer_id = ${org} and r.round_id = ${round} and r.school_unit_id = ${unit} group by r.team_id
        ) as x) as responses,
      (select coalesce(json_agg(json_build_array(c.area_id, cr.team_id, c.body)), '[]')
        from area_comments as c
        join responses as cr on cr.organizer_id = c.organizer_id and cr.id = c.response_id
        where c.organizer_id = ${org} and cr.round_id = ${round} and cr.school_unit_id = ${unit}) as comments`.execute(db);
  const row = result.rows[0];
  return {
    submitted: Number(row?.submitted ?? 0),
    eligible: Number(row?.eligible ?? 0),
    responsesByTeam: (row?.responses ?? []).map(([teamId, n]) => ({ teamId, responses: Number(n) })),
    comments: (row?.comments ?? []).map(([areaId, teamId, body]) => ({ areaId, teamId, body })),
  };
}

// ---------------------------------------------------------------------------------------------
// Totals

export type TotalsLevel = 'organizer' | 'unit' | 'team';

/** Totals of one group (organizer, unit or team) and indicator in one round. */
export interface TotalsRow {
  level: TotalsLevel;
  roundId: string;
  /** Null at organizer level. */
  schoolUnitId: string | null;
  /** Null at organizer and unit level. */
  teamId: string | null;
  indicatorId: string;
  n: number;
  sum: number;
  sumSquares: number;
  dontKnow: number;
  /** Answers per step, index 0 = step 1; always MAX_SCALE_STEPS long (the caller cuts it to the scale). */
  counts: number[];
}

/** A unit's answer counts for one indicator in one round, for the anonymity rules. */
export interface ContextRow {
  roundId: string;
  schoolUnitId: string;
  indicatorId: string;
  n: number;
  dontKnow: number;
}

/**
 * What to read, all in one statement (one snapshot, so the levels add up exactly).
 *
 * `unitContext` asks, per round and indicator, for the units that the anonymity rules must know
 * about when only some units are shown: every unit below the threshold by scored answers (n) or by
 * all answers (n + vet ej), and, for a measure under which those small units add up to between 1
 * and threshold − 1, the smallest unit at or above the threshold (all of them when several tie).
 * With the organizer's totals this decides every unit's visibility exactly as the full list of units
 * would (see docs/results-engine.md).
 */
export interface TotalsRequest {
  /** The largest number of steps among the rounds' scales: counts are sent for steps 1…steps. Default 10. */
  steps?: number;
  organizer?: { roundIds: readonly string[] };
  units?: { roundIds: readonly string[]; schoolUnitIds: readonly string[] };
  teams?: { roundIds: readonly string[]; schoolUnitIds: readonly string[] };
  unitContext?: { roundIds: readonly string[]; threshold: number };
}

export interface TotalsResult {
  organizer: TotalsRow[];
  units: TotalsRow[];
  teams: TotalsRow[];
  unitContext: ContextRow[];
}

/** Every unit of a round × the given indicators, as column arrays (cell = unit index × indicators + indicator index). */
export interface UnitGridRequest {
  roundId: string;
  /** The columns, in this order. */
  indicatorIds: readonly string[];
  /** Steps of the round's scale: counts are returned for steps 1…steps. */
  steps: number;
}

export interface UnitGrid {
  /** The units with answers in the round, ordered by id (a unit without answers has only zeros). */
  unitIds: string[];
  indicatorIds: string[];
  n: number[];
  dontKnow: number[];
  /** counts[step − 1][cell]. */
  counts: number[][];
}

/** Where totals come from. The two sources return identical results. */
export interface TotalsSource {
  read(db: Db, organizerId: string, request: TotalsRequest): Promise<TotalsResult>;
  unitGrid(db: Db, organizerId: string, request: UnitGridRequest): Promise<UnitGrid>;
}

type Part = 'organizer' | 'unit' | 'team' | 'context';

interface RawTotalsRow {
  part: Part;
  round_id: string;
  school_unit_id: string | null;
  team_id: string | null;
  indicator_id: string;
  /** Comma-separated figures (FIGURE_COLUMNS order; n and dont_know only for context rows). */
  f: string;
}

const uuidArray = (ids: readonly string[]) => sql`${[...ids]}::uuid[]`;
const orgParam = (organizerId: string) => sql`${organizerId}::uuid`;

/**
 * Figures as one comma-separated text, "vet ej" and the counts per step only: n, Σx and Σx² follow
 * from the counts. Far cheaper to send and parse than 14 columns or an array.
 */
function figureText(prefix: string, steps: number): RawBuilder<unknown> {
  const columns = ['dont_know', ...Array.from({ length: steps }, (_, i) => `c${i + 1}`)];
  return sql`concat_ws(',', ${sql.join(columns.map((c) => sql.ref(`${prefix}.${c}`)))})`;
}

/** A select list part tagged with its kind, in the shape every part of the union shares. */
function part(
  kind: Part,
  columns: { round: string; unit: string | null; team: string | null; indicator: string },
  figures: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`select ${sql.lit(kind)}::text as part, ${sql.ref(columns.round)} as round_id,
    ${columns.unit ? sql.ref(columns.unit) : sql`null::uuid`} as school_unit_id,
    ${columns.team ? sql.ref(columns.team) : sql`null::uuid`} as team_id,
    ${sql.ref(columns.indicator)} as indicator_id, ${figures} as f`;
}

/** The pending answers of an organizer in some rounds (optionally some units), one row per answer. */
function pendingAnswers(organizerId: string, roundIds: readonly string[], schoolUnitIds?: readonly string[]): RawBuilder<unknown> {
  const unitFilter = schoolUnitIds ? sql`and p.school_unit_id = any(${uuidArray(schoolUnitIds)})` : sql``;
  return sql`
    select p.round_id, p.school_unit_id, p.team_id, u.indicator_id, u.value
    from indicator_totals_pending as p
    cross join lateral unnest(p.indicator_ids, p.answer_values) as u(indicator_id, value)
    where p.organizer_id = ${orgParam(organizerId)} and p.round_id = any(${uuidArray(roundIds)}) ${unitFilter}`;
}

/** The raw answers of an organizer in some rounds (optionally some units), with round, unit and team. */
function rawAnswers(organizerId: string, roundIds: readonly string[], schoolUnitIds?: readonly string[]): RawBuilder<unknown> {
  const unitFilter = schoolUnitIds ? sql`and r.school_unit_id = any(${uuidArray(schoolUnitIds)})` : sql``;
  return sql`
    select r.round_id, r.school_unit_id, r.team_id, a.indicator_id, a.value
    from responses as r
    join answers as a on a.organizer_id = r.organizer_id and a.response_id = r.id
    where r.organizer_id = ${orgParam(organizerId)} and a.organizer_id = ${orgParam(organizerId)}
      and r.round_id = any(${uuidArray(roundIds)}) ${unitFilter}`;
}

/** Builds one statement: CTEs, then the parts joined by UNION ALL. */
class Statement {
  readonly ctes: RawBuilder<unknown>[] = [];
  readonly parts: RawBuilder<unknown>[] = [];

  constructor(readonly steps: number) {}

  async run(db: Db): Promise<TotalsResult> {
    if (this.parts.length === 0) return { organizer: [], units: [], teams: [], unitContext: [] };
    const withClause = this.ctes.length > 0 ? sql`with ${sql.join(this.ctes)} ` : sql``;
    const unioned = sql.join(
      this.parts.map((p) => sql`(${p})`),
      sql` union all `,
    );
    const result = await sql<RawTotalsRow>`${withClause}${unioned}`.execute(db);
    return toResult(result.rows, this.steps);
  }
}

/**
 * The anonymity context from a relation `ctx_unit(round_id, school_unit_id, indicator_id, n, dk)`
 * holding every unit of the rounds. Per round and indicator, one aggregate pass gives the units
 * below the threshold by n or by n + dk (as arrays) and, per measure, their sum and the smallest
 * count at or above the threshold. The smallest unit itself matters only where the small units
 * together are between 1 and threshold − 1 (only then is another unit hidden to protect them), so it
 * is looked up for those indicators alone; ties all come back and the caller picks by id.
 */
function contextParts(threshold: number): { ctes: RawBuilder<unknown>; parts: RawBuilder<unknown>[] } {
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 100) throw new RangeError(`Ogiltig gräns: ${threshold}`);
  const t = sql.lit(threshold);
  const small = sql`n < ${t} or n + dk < ${t}`;
  const needsN = sql`a.p_n > 0 and a.p_n < ${t}`;
  const needsA = sql`a.p_a > 0 and a.p_a < ${t}`;
  return {
    ctes: sql`
      ctx_agg as (
        select round_id, indicator_id,
          coalesce(sum(n) filter (where n > 0 and n < ${t}), 0) as p_n,
          coalesce(sum(n + dk) filter (where n + dk > 0 and n + dk < ${t}), 0) as p_a,
          min(n) filter (where n >= ${t}) as min_n,
          min(n + dk) filter (where n + dk >= ${t}) as min_a,
          array_agg(school_unit_id) filter (where ${small}) as small_ids,
          array_agg(n) filter (where ${small}) as small_n,
          array_agg(dk) filter (where ${small}) as small_dk
        from ctx_unit group by round_id, indicator_id
      )`,
    parts: [
      sql`
        select 'context'::text as part, a.round_id, s.id as school_unit_id, null::uuid as team_id, a.indicator_id, concat_ws(',', s.n, s.dk) as f
        from ctx_agg as a cross join lateral unnest(a.small_ids, a.small_n, a.small_dk) as s(id, n, dk)`,
      sql`
        select 'context'::text as part, u.round_id, u.school_unit_id, null::uuid as team_id, u.indicator_id, concat_ws(',', u.n, u.dk) as f
        from ctx_agg as a
        join ctx_unit as u on u.round_id = a.round_id and u.indicator_id = a.indicator_id
        where (${needsN} or ${needsA})
          and not (u.n < ${t} or u.n + u.dk < ${t})
          and ((${needsN} and u.n = a.min_n) or (${needsA} and u.n + u.dk = a.min_a))`,
    ],
  };
}

function toResult(rows: RawTotalsRow[], steps: number): TotalsResult {
  const result: TotalsResult = { organizer: [], units: [], teams: [], unitContext: [] };
  const merged = new Map<string, TotalsRow>();
  for (const r of rows) {
    const f = r.f.split(',').map(Number);
    if (r.part === 'context') {
      result.unitContext.push({
        roundId: r.round_id,
        schoolUnitId: r.school_unit_id as string,
        indicatorId: r.indicator_id,
        n: f[0] ?? 0,
        dontKnow: f[1] ?? 0,
      });
      continue;
    }
    const key = `${r.part}|${r.round_id}|${r.school_unit_id}|${r.team_id}|${r.indicator_id}`;
    let row = merged.get(key);
    if (!row) {
      row = {
        level: r.part,
        roundId: r.round_id,
        schoolUnitId: r.school_unit_id,
        teamId: r.team_id,
        indicatorId: r.indicator_id,
        n: 0,
        sum: 0,
        sumSquares: 0,
        dontKnow: 0,
        counts: new Array<number>(MAX_SCALE_STEPS).fill(0),
      };
      merged.set(key, row);
      (r.part === 'organizer' ? result.organizer : r.part === 'team' ? result.teams : result.units).push(row);
    }
    // A folded row and the pending answers of the same group come as two rows: add them up.
    row.dontKnow += f[0] ?? 0;
    for (let step = 1; step <= steps; step++) {
      const c = f[step] ?? 0;
      row.counts[step - 1] = (row.counts[step - 1] ?? 0) + c;
      row.n += c;
      row.sum += c * step;
      row.sumSquares += c * step * step;
    }
  }
  return result;
}

const g = { round: 'g.round_id', unit: 'g.school_unit_id', team: 'g.team_id', indicator: 'g.indicator_id' };

function stepsOf(request: TotalsRequest): number {
  const steps = request.steps ?? MAX_SCALE_STEPS;
  if (!Number.isInteger(steps) || steps < 2 || steps > MAX_SCALE_STEPS) throw new RangeError(`Ogiltigt antal steg: ${steps}`);
  return steps;
}

function readKept(db: Db, organizerId: string, request: TotalsRequest): Promise<TotalsResult> {
  const org = orgParam(organizerId);
  const steps = stepsOf(request);
  const st = new Statement(steps);
  if (request.organizer && request.organizer.roundIds.length > 0) {
    const { roundIds } = request.organizer;
    st.parts.push(sql`${part('organizer', { ...g, unit: null, team: null }, figureText('g', steps))}
      from indicator_totals_organizer as g where g.organizer_id = ${org} and g.round_id = any(${uuidArray(roundIds)})`);
    st.parts.push(sql`${part('organizer', { ...g, unit: null, team: null }, figureText('g', steps))}
      from (select round_id, indicator_id, ${figuresOfAnswers()} from (${pendingAnswers(organizerId, roundIds)}) as a
            group by round_id, indicator_id) as g`);
  }
  if (request.units && request.units.roundIds.length > 0 && request.units.schoolUnitIds.length > 0) {
    const { roundIds, schoolUnitIds } = request.units;
    st.parts.push(sql`${part('unit', { ...g, team: null }, figureText('g', steps))}
      from indicator_totals_unit as g
      where g.organizer_id = ${org} and g.round_id = any(${uuidArray(roundIds)}) and g.school_unit_id = any(${uuidArray(schoolUnitIds)})`);
    st.parts.push(sql`${part('unit', { ...g, team: null }, figureText('g', steps))}
      from (select round_id, school_unit_id, indicator_id, ${figuresOfAnswers()} from (${pendingAnswers(organizerId, roundIds, schoolUnitIds)}) as a
            group by round_id, school_unit_id, indicator_id) as g`);
  }
  if (request.teams && request.teams.roundIds.length > 0 && request.teams.schoolUnitIds.length > 0) {
    const { roundIds, schoolUnitIds } = request.teams;
    st.parts.push(sql`${part('team', g, figureText('g', steps))}
      from indicator_totals_team as g
      where g.organizer_id = ${org} and g.round_id = any(${uuidArray(roundIds)}) and g.school_unit_id = any(${uuidArray(schoolUnitIds)})`);
    st.parts.push(sql`${part('team', g, figureText('g', steps))}
      from (select round_id, school_unit_id, team_id, indicator_id, ${figuresOfAnswers()} from (${pendingAnswers(organizerId, roundIds, schoolUnitIds)}) as a
            where team_id is not null group by round_id, school_unit_id, team_id, indicator_id) as g`);
  }
  if (request.unitContext && request.unitContext.roundIds.length > 0) {
    const { roundIds, threshold } = request.unitContext;
    const rounds = uuidArray(roundIds);
    // Folded unit rows plus pending answers, without aggregating the (many) folded rows again. With
    // nothing pending (the usual case for a closed round) the first branch is a plain scan: the
    // EXISTS tests are one-time filters that switch the other branches off.
    const anyPending = sql`exists (select 1 from indicator_totals_pending as q where q.organizer_id = ${org} and q.round_id = any(${rounds}))`;
    st.ctes.push(sql`
      ctx_pending as (
        select round_id, school_unit_id, indicator_id, count(value)::int as n, (count(*) - count(value))::int as dk
        from (${pendingAnswers(organizerId, roundIds)}) as a group by round_id, school_unit_id, indicator_id
      ),
      ctx_unit as not materialized (
        select t.round_id, t.school_unit_id, t.indicator_id, t.n, t.dont_know as dk
        from indicator_totals_unit as t
        where t.organizer_id = ${org} and t.round_id = any(${rounds}) and not ${anyPending}
        union all
        select t.round_id, t.school_unit_id, t.indicator_id, t.n + coalesce(p.n, 0), t.dont_know + coalesce(p.dk, 0)
        from indicator_totals_unit as t
        left join ctx_pending as p
          on p.round_id = t.round_id and p.school_unit_id = t.school_unit_id and p.indicator_id = t.indicator_id
        where t.organizer_id = ${org} and t.round_id = any(${rounds}) and ${anyPending}
        union all
        select p.round_id, p.school_unit_id, p.indicator_id, p.n, p.dk
        from ctx_pending as p
        where not exists (
          select 1 from indicator_totals_unit as t
          where t.organizer_id = ${org} and t.round_id = p.round_id and t.school_unit_id = p.school_unit_id and t.indicator_id = p.indicator_id)
      )`);
    const context = contextParts(threshold);
    st.ctes.push(context.ctes);
    st.parts.push(...context.parts);
  }
  return st.run(db);
}

function readFromAnswers(db: Db, organizerId: string, request: TotalsRequest): Promise<TotalsResult> {
  const steps = stepsOf(request);
  const st = new Statement(steps);
  // Organizer totals and the anonymity context need every unit of their rounds: one shared scan.
  const wholeRounds = [...new Set([...(request.organizer?.roundIds ?? []), ...(request.unitContext?.roundIds ?? [])])];
  if (wholeRounds.length > 0) {
    st.ctes.push(sql`
      per_unit as materialized (
        select round_id, school_unit_id, indicator_id, ${figuresOfAnswers()}
        from (${rawAnswers(organizerId, wholeRounds)}) as a
        group by round_id, school_unit_id, indicator_id
      )`);
  }
  if (request.organizer && request.organizer.roundIds.length > 0) {
    st.parts.push(sql`${part('organizer', { ...g, unit: null, team: null }, figureText('g', steps))}
      from (select round_id, indicator_id, ${sql.join(FIGURE_COLUMNS.map((c) => sql`sum(${sql.ref(c)})::int8 as ${sql.ref(c)}`))}
            from per_unit where round_id = any(${uuidArray(request.organizer.roundIds)}) group by round_id, indicator_id) as g`);
  }
  if (request.units && request.units.roundIds.length > 0 && request.units.schoolUnitIds.length > 0) {
    const { roundIds, schoolUnitIds } = request.units;
    st.parts.push(sql`${part('unit', { ...g, team: null }, figureText('g', steps))}
      from (select round_id, school_unit_id, indicator_id, ${figuresOfAnswers()} from (${rawAnswers(organizerId, roundIds, schoolUnitIds)}) as a
            group by round_id, school_unit_id, indicator_id) as g`);
  }
  if (request.teams && request.teams.roundIds.length > 0 && request.teams.schoolUnitIds.length > 0) {
    const { roundIds, schoolUnitIds } = request.teams;
    st.parts.push(sql`${part('team', g, figureText('g', steps))}
      from (select round_id, school_unit_id, team_id, indicator_id, ${figuresOfAnswers()} from (${rawAnswers(organizerId, roundIds, schoolUnitIds)}) as a
            where team_id is not null group by round_id, school_unit_id, team_id, indicator_id) as g`);
  }
  if (request.unitContext && request.unitContext.roundIds.length > 0) {
    const { roundIds, threshold } = request.unitContext;
    st.ctes.push(sql`
      ctx_unit as (
        select round_id, school_unit_id, indicator_id, n, dont_know as dk from per_unit where round_id = any(${uuidArray(roundIds)})
      )`);
    const context = contextParts(threshold);
    st.ctes.push(context.ctes);
    st.parts.push(...context.parts);
  }
  return st.run(db);
}

function assertSteps(steps: number): void {
  if (!Number.isInteger(steps) || steps < 2 || steps > MAX_SCALE_STEPS) throw new RangeError(`Ogiltigt antal steg: ${steps}`);
}

/**
 * The grid statement around a relation `cell_source(school_unit_id, indicator_id, dont_know, c1…)`
 * (which may hold two rows for a cell: folded and pending). One text per unit, "ord,dk,c1,…;…",
 * built without sorting; cheap to send and to parse.
 */
async function runGrid(db: Db, request: UnitGridRequest, source: RawBuilder<unknown>): Promise<UnitGrid> {
  assertSteps(request.steps);
  const stepColumns = Array.from({ length: request.steps }, (_, i) => `c${i + 1}`);
  // n is the sum of the step counts: not sent.
  const figures = ['dont_know', ...stepColumns];
  const result = await sql<{ school_unit_id: string; cells: string }>`
    with ind as (select x.id, x.ord from unnest(${uuidArray(request.indicatorIds)}) with ordinality as x(id, ord)),
    cell_source as (${source})
    select s.school_unit_id, string_agg(concat_ws(',', ind.ord, ${sql.join(figures.map((c) => sql`s.${sql.ref(c)}`))}), ';') as cells
    from cell_source as s join ind on ind.id = s.indicator_id
    group by s.school_unit_id`.execute(db);
  const k = request.indicatorIds.length;
  const units = result.rows.map((r) => r.school_unit_id).sort();
  const rowOf = new Map(units.map((id, i) => [id, i]));
  const size = units.length * k;
  const grid: UnitGrid = {
    unitIds: units,
    indicatorIds: [...request.indicatorIds],
    n: new Array<number>(size).fill(0),
    dontKnow: new Array<number>(size).fill(0),
    counts: stepColumns.map(() => new Array<number>(size).fill(0)),
  };
  // Each text is "ord,dk,c1,…;ord,…" of non-negative integers: read it with one pass over the
  // characters rather than splitting it into thousands of small strings.
  const fields = figures.length + 1;
  const values = new Array<number>(fields).fill(0);
  for (const row of result.rows) {
    const base = (rowOf.get(row.school_unit_id) as number) * k;
    const text = row.cells;
    let field = 0;
    let value = 0;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 59;
      if (code >= 48 && code <= 57) {
        value = value * 10 + (code - 48);
        continue;
      }
      values[field] = value;
      value = 0;
      field++;
      if (code !== 59) continue; // ','
      const at = base + (values[0] as number) - 1;
      grid.dontKnow[at] = (grid.dontKnow[at] as number) + (values[1] as number);
      for (let step = 0; step < stepColumns.length; step++) {
        const counts = grid.counts[step] as number[];
        const c = values[2 + step] as number;
        counts[at] = (counts[at] as number) + c;
        grid.n[at] = (grid.n[at] as number) + c;
      }
      field = 0;
    }
  }
  return grid;
}

/**
 * The kept totals: folded rows plus the pending answers of the same groups, in one statement.
 * Cost ∝ the groups × indicators read, whatever the number of answers.
 */
export const keptTotals: TotalsSource = {
  read: readKept,
  unitGrid(db, organizerId, request) {
    const org = orgParam(organizerId);
    const steps = Array.from({ length: request.steps }, (_, i) => `c${i + 1}`);
    const columns = sql.join(['dont_know', ...steps].map((c) => sql.ref(c)));
    const source = sql`
      select t.school_unit_id, t.indicator_id, ${columns}
      from indicator_totals_unit as t where t.organizer_id = ${org} and t.round_id = ${request.roundId}::uuid
      union all
      select school_unit_id, indicator_id, ${columns}
      from (select school_unit_id, indicator_id, ${figuresOfAnswers()} from (${pendingAnswers(organizerId, [request.roundId])}) as a
            group by school_unit_id, indicator_id) as p`;
    return runGrid(db, request, source);
  },
};

/**
 * The same totals by GROUP BY over the raw answers (responses ⨝ answers): exact, but the cost
 * grows with the answers in the rounds read. The baseline that the kept totals are checked and
 * measured against (tests, benchmarks).
 */
export const totalsFromAnswers: TotalsSource = {
  read: readFromAnswers,
  unitGrid(db, organizerId, request) {
    const steps = Array.from({ length: request.steps }, (_, i) => `c${i + 1}`);
    const columns = sql.join(['dont_know', ...steps].map((c) => sql.ref(c)));
    const source = sql`
      select school_unit_id, indicator_id, ${columns}
      from (select school_unit_id, indicator_id, ${figuresOfAnswers()} from (${rawAnswers(organizerId, [request.roundId])}) as a
            group by school_unit_id, indicator_id) as r`;
    return runGrid(db, request, source);
  },
};
