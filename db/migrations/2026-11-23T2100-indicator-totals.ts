import { type Kysely, sql } from 'kysely';

/** Scale steps a questionnaire may have (questionnaires.scale_steps is 2–10): one count column per step. */
const MAX_STEPS = 10;

/**
 * Totals per indicator that the dashboards read instead of the raw answers (see docs/results-engine.md).
 *
 * A submission appends one row to indicator_totals_pending (an insert only, so a whole school
 * submitting at once never waits on a shared row). Pending rows are folded, now and then and
 * atomically, into three levels of totals: per team, per unit and per organizer, each per round and
 * indicator. Readers add the pending rows of what they read to the folded totals in the same
 * statement, so results are always exact.
 *
 * Every table leads with organizer_id (distribution column on Citus) and references other tenant
 * tables through (organizer_id, …). Counts per scale step are columns c1…c10; n, sum and
 * sum_squares are kept next to them for the statistics.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const steps = Array.from({ length: MAX_STEPS }, (_, i) => sql.raw(`c${i + 1} integer not null default 0 check (c${i + 1} >= 0),`));
  const figures = sql.join(
    [
      sql`n integer not null default 0 check (n >= 0),`,
      sql`sum bigint not null default 0,`,
      sql`sum_squares bigint not null default 0,`,
      sql`dont_know integer not null default 0 check (dont_know >= 0),`,
      ...steps,
    ],
    sql` `,
  );

  // fillfactor leaves room on each page so that folding updates rows in place (HOT updates: the
  // counters are not indexed, so no index changes).
  await sql`
    create table indicator_totals_organizer (
      organizer_id uuid not null,
      round_id uuid not null,
      indicator_id uuid not null references indicators (id),
      ${figures}
      primary key (organizer_id, round_id, indicator_id),
      foreign key (organizer_id, round_id) references rounds (organizer_id, id) on delete cascade
    ) with (fillfactor = 80)`.execute(db);

  await sql`
    create table indicator_totals_unit (
      organizer_id uuid not null,
      round_id uuid not null,
      school_unit_id uuid not null,
      indicator_id uuid not null references indicators (id),
      ${figures}
      primary key (organizer_id, round_id, school_unit_id, indicator_id),
      foreign key (organizer_id, round_id, school_unit_id)
        references round_units (organizer_id, round_id, school_unit_id) on delete cascade
    ) with (fillfactor = 80)`.execute(db);

  // Responses without a team count in their unit and organizer only.
  await sql`
    create table indicator_totals_team (
      organizer_id uuid not null,
      round_id uuid not null,
      school_unit_id uuid not null,
      team_id uuid not null,
      indicator_id uuid not null references indicators (id),
      ${figures}
      primary key (organizer_id, round_id, school_unit_id, team_id, indicator_id),
      foreign key (organizer_id, round_id, school_unit_id)
        references round_units (organizer_id, round_id, school_unit_id) on delete cascade,
      foreign key (organizer_id, team_id) references teams (organizer_id, id)
    ) with (fillfactor = 80)`.execute(db);

  // One row per submitted response, until folded: the indicators and values (null = "vet ej") of
  // the response as two parallel arrays. No user id and no time, like the responses themselves.
  await sql`
    create table indicator_totals_pending (
      organizer_id uuid not null,
      round_id uuid not null,
      school_unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      team_id uuid,
      indicator_ids uuid[] not null,
      answer_values smallint[] not null,
      primary key (organizer_id, round_id, school_unit_id, id),
      foreign key (organizer_id, round_id, school_unit_id)
        references round_units (organizer_id, round_id, school_unit_id) on delete cascade,
      foreign key (organizer_id, team_id) references teams (organizer_id, id),
      check (cardinality(indicator_ids) = cardinality(answer_values))
    )`.execute(db);

  // Results pages count a unit's eligible staff (response rate): find a unit's role assignments
  // without scanning the organizer's.
  await sql`create index role_assignments_unit on role_assignments (organizer_id, school_unit_id)`.execute(db);
}
