/**
 * The write side of the results engine: totals per indicator that dashboards read instead of the
 * raw answers. See docs/results-engine.md for the design and its reasoning.
 *
 * - A submission (storeSubmission in queries/survey.ts, in the same statement that stores the
 *   answers) or addResponseToTotals (in the caller's transaction) appends ONE pending row (an insert
 *   only: a whole school submitting at once never waits on a shared row). Now and then it also
 *   folds the organizer's pending rows into the totals (foldPendingTotalsSometimes).
 * - foldPendingTotals: moves pending rows into the three levels of totals (team, unit,
 *   organizer) in one statement. One fold per organizer at a time (advisory lock); a fold that
 *   finds the lock taken does nothing, since the holder is already folding.
 * - recomputeTotals: rebuilds an organizer's totals from the raw answers.
 * - checkTotals: compares the stored totals (folded + pending) with the raw answers.
 *
 * Readers add the pending rows to the folded totals in the same statement (queries/results.ts),
 * so what they return is exact whether or not a fold has run.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../create-database.ts';

/** One count column per scale step (questionnaires have 2–10 steps). */
export const MAX_SCALE_STEPS = 10;
const STEP_NUMBERS = Array.from({ length: MAX_SCALE_STEPS }, (_, i) => i + 1);

/** The figure columns of the totals tables, in order. */
export const FIGURE_COLUMNS = ['n', 'sum', 'sum_squares', 'dont_know', ...STEP_NUMBERS.map((s) => `c${s}`)] as const;

/** Share of submissions that also fold their organizer's pending rows (one in a hundred; docs/results-engine.md). */
export const DEFAULT_FOLD_PROBABILITY = 1 / 100;

export interface ResponseForTotals {
  organizerId: string;
  roundId: string;
  schoolUnitId: string;
  teamId: string | null;
  /** value null = "Vet ej / ej aktuellt". */
  answers: { indicatorId: string; value: number | null }[];
}

export interface AddResponseOptions {
  /** Probability that this call also folds the organizer's pending rows. Default {@link DEFAULT_FOLD_PROBABILITY}. */
  foldProbability?: number;
  /** Source of randomness for the fold decision (tests). Default Math.random. */
  random?: () => number;
}

/**
 * Adds one submitted response to the totals. Call it in the transaction that stores the response,
 * so that the totals and the answers commit together.
 *
 * It inserts one pending row and never updates a shared row, so concurrent submissions from the
 * same school do not wait for each other. With probability `foldProbability` it then folds the
 * organizer's pending rows (unless another transaction is folding them), inside a savepoint: a
 * failed fold is rolled back and leaves the submission and the pending rows as they were.
 */
export async function addResponseToTotals(trx: Db, input: ResponseForTotals, options: AddResponseOptions = {}): Promise<void> {
  if (input.answers.length === 0) return;
  assertAnswersInScale(input.answers);
  await trx
    .insertInto('indicator_totals_pending')
    .values({
      organizer_id: input.organizerId,
      round_id: input.roundId,
      school_unit_id: input.schoolUnitId,
      team_id: input.teamId,
      indicator_ids: input.answers.map((a) => a.indicatorId),
      answer_values: input.answers.map((a) => a.value),
    })
    .execute();
  await foldPendingTotalsSometimes(trx, input.organizerId, options);
}

/** A pending row may only hold scale steps 1–MAX_SCALE_STEPS or null ("vet ej"): a fold counts them per step. */
export function assertAnswersInScale(answers: readonly { value: number | null }[]): void {
  for (const answer of answers) {
    if (answer.value !== null && !(Number.isInteger(answer.value) && answer.value >= 1 && answer.value <= MAX_SCALE_STEPS)) {
      throw new RangeError(`Svaret ${String(answer.value)} ligger utanför skalan 1–${MAX_SCALE_STEPS}`);
    }
  }
}

/**
 * With probability `foldProbability`, folds the organizer's pending rows: inside a savepoint when
 * given a transaction, else in a transaction of its own. A fold that fails is swallowed: the
 * submission must not fail because of it, and its pending row stays for a later fold (or
 * recomputeTotals); checkTotals would show any lasting difference.
 */
export async function foldPendingTotalsSometimes(db: Db, organizerId: string, options: AddResponseOptions = {}): Promise<void> {
  const probability = options.foldProbability ?? DEFAULT_FOLD_PROBABILITY;
  if (probability <= 0 || (options.random ?? Math.random)() >= probability) return;
  if (!db.isTransaction) {
    try {
      await foldPendingTotals(db, organizerId);
    } catch {
      // See above: the pending rows stay until the next fold.
    }
    return;
  }
  await sql`savepoint kh_fold_totals`.execute(db);
  try {
    await foldLocked(db, organizerId, false);
    await sql`release savepoint kh_fold_totals`.execute(db);
  } catch {
    await sql`rollback to savepoint kh_fold_totals`.execute(db);
  }
}

export interface FoldResult {
  /** False when another transaction was folding this organizer's rows. */
  folded: boolean;
  /** Pending responses moved into the totals. */
  responses: number;
}

/**
 * Folds an organizer's pending rows into the totals, atomically, in its own transaction (or in
 * the given one). Safe to call at any time and from several processes: one fold per organizer runs
 * at a time, and a second one returns { folded: false } at once.
 */
export async function foldPendingTotals(db: Db, organizerId: string): Promise<FoldResult> {
  if (db.isTransaction) return foldLocked(db, organizerId, false);
  return db.transaction().execute((trx) => foldLocked(trx, organizerId, false));
}

/** Lock key for everything that writes an organizer's folded totals. */
function totalsLock(organizerId: string, wait: boolean): RawBuilder<unknown> {
  return wait
    ? sql`select pg_advisory_xact_lock(hashtext('kh.indicator_totals'), hashtext(${organizerId}::text)) as locked`
    : sql`select pg_try_advisory_xact_lock(hashtext('kh.indicator_totals'), hashtext(${organizerId}::text)) as locked`;
}

async function foldLocked(trx: Db, organizerId: string, wait: boolean): Promise<FoldResult> {
  const lock = await totalsLock(organizerId, wait).execute(trx);
  if (!wait && !(lock.rows[0] as { locked: boolean } | undefined)?.locked) return { folded: false, responses: 0 };
  await noJit(trx);
  const result = await sql<{ responses: number }>`
    with moved as (
      delete from indicator_totals_pending as p
      where p.organizer_id = ${organizerId}::uuid
      returning p.round_id, p.school_unit_id, p.team_id, p.indicator_ids, p.answer_values
    ),
    answer as (
      select m.round_id, m.school_unit_id, m.team_id, u.indicator_id, u.value
      from moved as m
      cross join lateral unnest(m.indicator_ids, m.answer_values) as u(indicator_id, value)
    ),
    grouped as (${groupedFigures(sql`answer`)}),
    ${upserts(organizerId)}
    select (select count(*) from moved)::int as responses`.execute(trx);
  return { folded: true, responses: result.rows[0]?.responses ?? 0 };
}

/**
 * Rebuilds an organizer's totals from the raw answers and clears its pending rows. Safe while
 * submissions continue: it waits for a running fold, and it reads the answers and clears the
 * pending rows in one statement (one snapshot), so a response committed meanwhile is counted
 * exactly once, through its pending row. The folded totals are then replaced; readers see the old
 * or the new totals, never a mix. Returns the number of totals rows written.
 */
export async function recomputeTotals(db: Db, organizerId: string): Promise<number> {
  const run = async (trx: Db): Promise<number> => {
    await totalsLock(organizerId, true).execute(trx);
    await wholeOrganizerScans(trx);
    const org = sql`${organizerId}::uuid`;
    const columns = sql.join(FIGURE_COLUMNS.map((c) => sql.ref(c)));
    await sql`drop table if exists kh_totals_fresh`.execute(trx);
    await sql`
      create temp table kh_totals_fresh (
        organizer_id uuid not null, level integer not null, round_id uuid not null, school_unit_id uuid, team_id uuid,
        indicator_id uuid not null, n integer not null, sum bigint not null, sum_squares bigint not null, dont_know integer not null,
        ${sql.join(STEP_NUMBERS.map((s) => sql`${sql.ref(`c${s}`)} integer not null`))}
      ) on commit drop`.execute(trx);
    const written = await sql`
      with cleared as (delete from indicator_totals_pending as p where p.organizer_id = ${org}),
      answer as (${rawAnswers(organizerId)}),
      grouped as (${groupedFigures(sql`answer`)})
      insert into kh_totals_fresh (organizer_id, level, round_id, school_unit_id, team_id, indicator_id, ${columns})
      select ${org}, level, round_id, school_unit_id, team_id, indicator_id, ${columns}
      from grouped where level <> 0 or team_id is not null`.execute(trx);
    for (const table of ['indicator_totals_team', 'indicator_totals_unit', 'indicator_totals_organizer']) {
      await sql`delete from ${sql.table(table)} where organizer_id = ${org}`.execute(trx);
    }
    await sql`
      insert into indicator_totals_team (organizer_id, round_id, school_unit_id, team_id, indicator_id, ${columns})
      select organizer_id, round_id, school_unit_id, team_id, indicator_id, ${columns} from kh_totals_fresh where organizer_id = ${org} and level = 0`.execute(
      trx,
    );
    await sql`
      insert into indicator_totals_unit (organizer_id, round_id, school_unit_id, indicator_id, ${columns})
      select organizer_id, round_id, school_unit_id, indicator_id, ${columns} from kh_totals_fresh where organizer_id = ${org} and level = 1`.execute(
      trx,
    );
    await sql`
      insert into indicator_totals_organizer (organizer_id, round_id, indicator_id, ${columns})
      select organizer_id, round_id, indicator_id, ${columns} from kh_totals_fresh where organizer_id = ${org} and level = 3`.execute(trx);
    await sql`drop table kh_totals_fresh`.execute(trx);
    return Number(written.numAffectedRows ?? 0);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export interface TotalsMismatch {
  level: 'team' | 'unit' | 'organizer';
  roundId: string;
  schoolUnitId: string | null;
  teamId: string | null;
  indicatorId: string;
  /** Figures in the stored totals (folded + pending), in FIGURE_COLUMNS order. */
  stored: number[];
  /** Figures computed from the raw answers, in FIGURE_COLUMNS order. */
  fromAnswers: number[];
}

export interface TotalsCheck {
  ok: boolean;
  /** Groups × indicators compared (rows present on either side). */
  compared: number;
  /** Up to 50 differences. */
  mismatches: TotalsMismatch[];
}

const LEVEL_NAMES = { 0: 'team', 1: 'unit', 3: 'organizer' } as const;

/** Stands for "no unit" / "no team" in join keys, so that the full join below is a plain hash join. */
const NO_ID = sql`'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * Compares an organizer's stored totals (folded plus pending) with the same figures computed from
 * the raw answers, at all three levels, in one statement (one snapshot).
 */
export async function checkTotals(db: Db, organizerId: string): Promise<TotalsCheck> {
  if (!db.isTransaction) return db.transaction().execute((trx) => checkTotals(trx, organizerId));
  await wholeOrganizerScans(db);
  const columns = FIGURE_COLUMNS.map((c) => sql.ref(c));
  const storedSums = sql.join(FIGURE_COLUMNS.map((c) => sql`sum(${sql.ref(c)})::bigint as ${sql.ref(c)}`));
  const storedArray = sql.join(FIGURE_COLUMNS.map((c) => sql`coalesce(s.${sql.ref(c)}, 0)`));
  const freshArray = sql.join(FIGURE_COLUMNS.map((c) => sql`coalesce(f.${sql.ref(c)}, 0)`));
  const result = await sql<{
    level: 0 | 1 | 3;
    round_id: string;
    school_unit_id: string | null;
    team_id: string | null;
    indicator_id: string;
    stored: number[];
    fresh: number[];
    compared: number;
  }>`
    with answer as (${rawAnswers(organizerId)}),
    fresh as (select * from (${groupedFigures(sql`answer`)}) as g where g.level <> 0 or g.team_id is not null),
    pending_answer as (
      select p.round_id, p.school_unit_id, p.team_id, u.indicator_id, u.value
      from indicator_totals_pending as p
      cross join lateral unnest(p.indicator_ids, p.answer_values) as u(indicator_id, value)
      where p.organizer_id = ${organizerId}::uuid
    ),
    pending as (select * from (${groupedFigures(sql`pending_answer`)}) as g where g.level <> 0 or g.team_id is not null),
    stored_rows as (
      select 0 as level, round_id, school_unit_id, team_id, indicator_id, ${sql.join(columns)}
      from indicator_totals_team where organizer_id = ${organizerId}::uuid
      union all
      select 1, round_id, school_unit_id, null::uuid, indicator_id, ${sql.join(columns)}
      from indicator_totals_unit where organizer_id = ${organizerId}::uuid
      union all
      select 3, round_id, null::uuid, null::uuid, indicator_id, ${sql.join(columns)}
      from indicator_totals_organizer where organizer_id = ${organizerId}::uuid
      union all
      select level, round_id, school_unit_id, team_id, indicator_id, ${sql.join(columns)} from pending
    ),
    stored as (
      select level, round_id, school_unit_id, team_id, indicator_id, ${storedSums}
      from stored_rows group by level, round_id, school_unit_id, team_id, indicator_id
    ),
    compared as (
      select coalesce(s.level, f.level) as level, coalesce(s.round_id, f.round_id) as round_id,
        coalesce(s.school_unit_id, f.school_unit_id) as school_unit_id, coalesce(s.team_id, f.team_id) as team_id,
        coalesce(s.indicator_id, f.indicator_id) as indicator_id,
        array[${storedArray}]::bigint[] as stored, array[${freshArray}]::bigint[] as fresh
      from stored as s
      full join fresh as f
        on f.level = s.level and f.round_id = s.round_id and f.indicator_id = s.indicator_id
        and coalesce(f.school_unit_id, ${NO_ID}) = coalesce(s.school_unit_id, ${NO_ID})
        and coalesce(f.team_id, ${NO_ID}) = coalesce(s.team_id, ${NO_ID})
    )
    select c.*, (select count(*) from compared)::int as compared
    from compared as c
    where c.stored <> c.fresh
    union all
    select null, null, null, null, null, null, null, (select count(*) from compared)::int
    order by 1 nulls first, 2, 3, 4, 5
    limit 51`.execute(db);
  const [summary, ...rows] = result.rows;
  return {
    ok: rows.length === 0,
    compared: summary?.compared ?? 0,
    mismatches: rows.slice(0, 50).map((r) => ({
      level: LEVEL_NAMES[r.level],
      roundId: r.round_id,
      schoolUnitId: r.school_unit_id,
      teamId: r.team_id,
      indicatorId: r.indicator_id,
      stored: r.stored.map(Number),
      fromAnswers: r.fresh.map(Number),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// SQL pieces shared by fold, recompute and check

/**
 * These statements are wide (14 aggregates at three levels) and PostgreSQL's JIT compiler would
 * spend seconds compiling them for a few milliseconds of work: off for the rest of the transaction.
 */
async function noJit(trx: Db): Promise<void> {
  await sql`set local jit = off`.execute(trx);
}

/**
 * Recompute and check read all of an organizer's answers. Right after many answers were written
 * the planner may still believe there are few, and nest a scan of all the answers inside each
 * response (hours instead of seconds); hash joins are always right for a whole organizer.
 */
async function wholeOrganizerScans(trx: Db): Promise<void> {
  await noJit(trx);
  await sql`set local enable_nestloop = off`.execute(trx);
}

/** Every answer of an organizer's responses, with the response's round, unit and team. */
function rawAnswers(organizerId: string): RawBuilder<unknown> {
  return sql`
    select r.round_id, r.school_unit_id, r.team_id, a.indicator_id, a.value
    from answers as a
    join responses as r on r.organizer_id = a.organizer_id and r.id = a.response_id
    where a.organizer_id = ${organizerId}::uuid and r.organizer_id = ${organizerId}::uuid`;
}

/** The figures of a set of answers (columns `value`, null = vet ej), as SQL select items. */
export function figuresOfAnswers(value: RawBuilder<unknown> = sql`value`): RawBuilder<unknown> {
  return sql.join([
    sql`count(${value})::int as n`,
    sql`coalesce(sum(${value}), 0)::bigint as sum`,
    sql`coalesce(sum(${value}::int * ${value}::int), 0)::bigint as sum_squares`,
    sql`(count(*) - count(${value}))::int as dont_know`,
    ...STEP_NUMBERS.map((s) => sql`(count(*) filter (where ${value} = ${sql.lit(s)}))::int as ${sql.ref(`c${s}`)}`),
  ]);
}

/**
 * Figures of a relation of answers (round_id, school_unit_id, team_id, indicator_id, value) at the
 * three levels: level 0 = team (rows with team_id null are the unit's staff without a team and
 * must be skipped by the caller), 1 = unit, 3 = organizer.
 */
function groupedFigures(relation: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select round_id, school_unit_id, team_id, indicator_id, grouping(school_unit_id, team_id) as level, ${figuresOfAnswers()}
    from ${relation}
    group by grouping sets ((round_id, indicator_id, school_unit_id, team_id), (round_id, indicator_id, school_unit_id), (round_id, indicator_id))`;
}

/** Three CTEs adding `grouped` to the totals tables. */
function upserts(organizerId: string): RawBuilder<unknown> {
  const set = (table: string) =>
    sql.join(FIGURE_COLUMNS.map((c) => sql`${sql.ref(c)} = ${sql.ref(`${table}.${c}`)} + excluded.${sql.ref(c)}`));
  const columns = sql.join(FIGURE_COLUMNS.map((c) => sql.ref(c)));
  return sql`
    team_upsert as (
      insert into indicator_totals_team as t (organizer_id, round_id, school_unit_id, team_id, indicator_id, ${columns})
      select ${organizerId}::uuid, round_id, school_unit_id, team_id, indicator_id, ${columns}
      from grouped where level = 0 and team_id is not null
      on conflict (organizer_id, round_id, school_unit_id, team_id, indicator_id) do update set ${set('t')}
    ),
    unit_upsert as (
      insert into indicator_totals_unit as t (organizer_id, round_id, school_unit_id, indicator_id, ${columns})
      select ${organizerId}::uuid, round_id, school_unit_id, indicator_id, ${columns}
      from grouped where level = 1
      on conflict (organizer_id, round_id, school_unit_id, indicator_id) do update set ${set('t')}
    ),
    organizer_upsert as (
      insert into indicator_totals_organizer as t (organizer_id, round_id, indicator_id, ${columns})
      select ${organizerId}::uuid, round_id, indicator_id, ${columns}
      from grouped where level = 3
      on conflict (organizer_id, round_id, indicator_id) do update set ${set('t')}
    )`;
}
